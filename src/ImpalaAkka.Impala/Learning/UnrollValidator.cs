using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Learning;

/// <summary>Checks an unroll's shapes and values against the environment and unroll length before it may enter a batch.</summary>
public static class UnrollValidator
{
    /// <summary>Null when the unroll is usable, otherwise the reason it is not (names the field).</summary>
    public static string? Problem(Unroll u, EnvironmentSpec spec, int unrollLength, int stateSize = 0)
    {
        var t = unrollLength;
        if (u.InitialState.Length != stateSize) return $"initial_state has {u.InitialState.Length} values, expected {stateSize}";
        if (u.Length != t) return $"length {u.Length}, expected {t}";
        if (u.Observations.Length != (t + 1) * spec.ObservationSize) return $"observations has {u.Observations.Length} values, expected {(t + 1) * spec.ObservationSize}";
        if (u.Actions.Length != t) return $"actions has {u.Actions.Length} entries, expected {t}";
        if (u.Rewards.Length != t) return $"rewards has {u.Rewards.Length} entries, expected {t}";
        if (u.Dones.Length != t) return $"dones has {u.Dones.Length} entries, expected {t}";
        if (u.BehaviourLogits.Length != t * spec.ActionCount) return $"behaviour_logits has {u.BehaviourLogits.Length} values, expected {t * spec.ActionCount}";
        if (u.ParameterVersion < 0) return $"parameter version {u.ParameterVersion} is negative";
        foreach (var a in u.Actions)
        {
            if (a < 0 || a >= spec.ActionCount) return $"action {a} outside [0, {spec.ActionCount})";
        }
        if (!AllFinite(u.Rewards)) return "rewards contain NaN or infinity";
        if (!AllFinite(u.Observations)) return "observations contain NaN or infinity";
        if (!AllFinite(u.BehaviourLogits)) return "behaviour_logits contain NaN or infinity";
        if (!AllFinite(u.InitialState)) return "initial_state contains NaN or infinity";
        return null;
    }

    private static bool AllFinite(float[] values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) return false;
        }
        return true;
    }
}
