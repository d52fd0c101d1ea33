namespace ImpalaAkka.Impala.Topology;

public enum RuntimeEventLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
