namespace ImpalaAkka.Cluster.Hosting;
public sealed class ClusterSetupException(string message) : Exception(message);
public static class TlsSetup { public static Akka.Actor.Setup.Setup? For(TlsSettings tls) => null; }
