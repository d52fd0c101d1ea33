namespace ImpalaAkka.Impala.Settings;

/// <summary>The forward pass rollout actors act with (impala.rollout.policy).</summary>
public enum ActingPolicyKind
{
    /// <summary>Managed for a feed-forward MLP, libtorch otherwise.</summary>
    Auto,

    /// <summary>The C# forward pass (MLP without an LSTM core only).</summary>
    Managed,

    /// <summary>The libtorch network, as the learner runs it.</summary>
    Libtorch,
}
