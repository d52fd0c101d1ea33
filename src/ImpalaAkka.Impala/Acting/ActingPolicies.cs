using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Acting;

public static class ActingPolicies
{
    /// <summary>The policy implementation <c>impala.rollout.policy</c> asks for (auto: managed for feed-forward MLPs, libtorch otherwise).</summary>
    public static IActingPolicy Create(string choice, ModelSettings model, EnvironmentSpec spec) =>
        choice == "managed" || (choice == "auto" && model.Kind == "mlp" && !model.Lstm)
            ? new ManagedMlpPolicy(spec.ObservationSize, model.Hidden, spec.ActionCount)
            : new LibtorchPolicy(model, spec);
}
