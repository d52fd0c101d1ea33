using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Acting;

public static class ActingPolicies
{
    /// <summary>The policy implementation <c>impala.rollout.policy</c> asks for (auto: managed for feed-forward MLPs, libtorch otherwise).</summary>
    public static IActingPolicy Create(ActingPolicyKind choice, ModelSettings model, EnvironmentSpec spec) =>
        choice == ActingPolicyKind.Managed || (choice == ActingPolicyKind.Auto && model.Kind == ModelKind.Mlp && !model.Lstm)
            ? new ManagedMlpPolicy(spec.ObservationSize, model.Hidden, spec.ActionCount)
            : new LibtorchPolicy(model, spec);
}
