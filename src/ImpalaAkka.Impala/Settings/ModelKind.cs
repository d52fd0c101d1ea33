namespace ImpalaAkka.Impala.Settings;

/// <summary>The agent's torso (impala.model.kind).</summary>
public enum ModelKind
{
    /// <summary>Fully connected layers over vector observations.</summary>
    Mlp,

    /// <summary>Conv 3x3 and one FC layer over [C, H, W] grid observations.</summary>
    Conv,

    /// <summary>IMPALA's shallow torso adapted to 10x10 grids: two 3x3 convolutions (stride 1) and FC 256.</summary>
    Shallow,
}
