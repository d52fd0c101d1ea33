namespace ImpalaAkka.Cluster.Wire;
public static class ImpalaSerialization { public const string Hocon = ""; }
