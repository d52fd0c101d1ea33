using Akka.Actor;
using Akka.Serialization;
using ImpalaAkka.Cluster.Wire;

namespace ImpalaAkka.Cluster.Tests.Wire;

/// <summary>
/// A hostile or broken peer: claims <see cref="ImpalaSerializer"/>'s id and the
/// <c>ParametersReceived</c> manifest but writes bytes that are no protobuf message (a varint that
/// never ends), so the receiving node's real serializer must reject them.
/// </summary>
internal sealed class GarbageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => ImpalaSerializer.SerializerId;

    public override string Manifest(object o) => "PR";

    public override byte[] ToBinary(object obj) => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    public override object FromBinary(byte[] bytes, string manifest) => throw new NotSupportedException("sends only");
}
