using System.Globalization;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>Reads a <see cref="ProducerId"/> back from its log form <c>node/actor.incarnation#sequence</c>.</summary>
internal static class ProducerIdParser
{
    public static ProducerId Parse(string text)
    {
        var slash = text.LastIndexOf('/');
        var dot = text.IndexOf('.', slash);
        var hash = text.IndexOf('#', dot);
        return new ProducerId(text[..slash],
            int.Parse(text[(slash + 1)..dot], CultureInfo.InvariantCulture),
            int.Parse(text[(dot + 1)..hash], CultureInfo.InvariantCulture),
            long.Parse(text[(hash + 1)..], CultureInfo.InvariantCulture));
    }
}
