namespace ImpalaAkka.Impala.Settings;

/// <summary>The agent's torso (impala.model.kind).</summary>
public enum ModelKind
{
    /// <summary>Fully connected layers over vector observations.</summary>
    Mlp,

    /// <summary>Conv 3x3 and one FC layer over [C, H, W] grid observations.</summary>
    Conv,
}
