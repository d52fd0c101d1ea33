using Domain = ImpalaAkka.Impala.Messages;
using Nodes = ImpalaAkka.Cluster.Messages;

namespace ImpalaAkka.Cluster.Wire;

/// <summary>
/// Binds every message that crosses processes to <see cref="ImpalaSerializer"/>. A remote type
/// missing here would not fail: Akka would quietly send it as Newtonsoft JSON, so the list is the
/// one place a new remote message is added, and a test asserts each one resolves to the serializer.
/// </summary>
public static class ImpalaSerialization
{
    /// <summary>The serializer's name under <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "impala";

    public static IReadOnlyList<Type> RemoteTypes { get; } =
    [
        typeof(Domain.ConsumeUnrolls),
        typeof(Domain.UnrollDelivery),
        typeof(Domain.DeliveriesUsed),
        typeof(Domain.AckUnrolls),
        typeof(Nodes.RolloutNodeStatus),
        typeof(Nodes.ParameterBroadcast),
        typeof(Nodes.ParametersReceived),
    ];

    /// <summary>The <c>akka.actor.serializers</c> and <c>serialization-bindings</c> entries, in HOCON; a fallback for any remote system's config.</summary>
    public static string Hocon { get; } = $$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "{{AssemblyQualified(typeof(ImpalaSerializer))}}"
          }
          serialization-bindings {
        {{string.Join("\n", RemoteTypes.Select(t => $"    \"{AssemblyQualified(t)}\" = {SerializerName}"))}}
          }
        }
        """;

    /// <summary><see cref="Hocon"/> parsed.</summary>
    public static Akka.Configuration.Config Config => Akka.Configuration.ConfigurationFactory.ParseString(Hocon);

    /// <summary>"Namespace.Type, Assembly": the form Akka resolves, without the version that would pin a build.</summary>
    private static string AssemblyQualified(Type t) => $"{t.FullName}, {t.Assembly.GetName().Name}";
}
