namespace ImpalaAkka.Impala.Messages;

/// <summary>Who produced an unroll: node, actor index within the node, the actor's incarnation (restart count) and a sequence number within that incarnation.</summary>
public readonly record struct ProducerId(string Node, int Actor, int Incarnation, long Sequence)
{
    public override string ToString() => $"{Node}/{Actor}.{Incarnation}#{Sequence}";
}
