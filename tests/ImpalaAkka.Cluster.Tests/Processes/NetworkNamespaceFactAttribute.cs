namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>A fact that needs <see cref="NetworkNamespaces"/>; skipped, saying which step failed, where they cannot be made.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (NetworkNamespaces.SkipReason is { } reason) Skip = reason;
    }
}
