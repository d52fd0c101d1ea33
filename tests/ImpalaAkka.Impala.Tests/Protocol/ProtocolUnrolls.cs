using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Tests.Protocol;

/// <summary>Unrolls for protocol tests: only the producer id, version and task matter to the protocols, so the payload is empty.</summary>
internal static class ProtocolUnrolls
{
    public static ProducerId Id(long sequence, int actor = 0, string node = "n") => new(node, actor, 0, sequence);

    public static Unroll Make(long sequence, int actor = 0, long version = 0, string node = "n", string task = "") =>
        new(Id(sequence, actor, node), version, 0, [], [], [], [], [], [], [], task);
}
