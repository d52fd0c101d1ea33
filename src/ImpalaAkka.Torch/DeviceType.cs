namespace ImpalaAkka.Torch;

/// <summary>Where a tensor lives; the values are the shim's device codes.</summary>
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}
