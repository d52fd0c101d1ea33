namespace ImpalaAkka.Cluster.Hosting;

/// <summary>A node cannot be set up (its certificate cannot be made or used). The message names the file and the reason.</summary>
public sealed class ClusterSetupException(string message) : Exception(message);
