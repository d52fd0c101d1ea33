using System.Globalization;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster;

/// <summary>Reads a <see cref="ProducerId"/> back from its log form <c>node/actor.incarnation#sequence</c> (learned.log, confirmed.log).</summary>
public static class ProducerIdText
{
    public static ProducerId Parse(string text)
    {
        var slash = text.LastIndexOf('/');
        var dot = slash < 0 ? -1 : text.IndexOf('.', slash);
        var hash = dot < 0 ? -1 : text.IndexOf('#', dot);
        if (hash < 0
            || !int.TryParse(text[(slash + 1)..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var actor)
            || !int.TryParse(text[(dot + 1)..hash], NumberStyles.None, CultureInfo.InvariantCulture, out var incarnation)
            || !long.TryParse(text[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException($"'{text}' is not a producer id of the form node/actor.incarnation#sequence");
        }
        return new ProducerId(text[..slash], actor, incarnation, sequence);
    }
}
