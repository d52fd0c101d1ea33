using System.Threading.Channels;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using ImpalaAkka.Cluster.Hosting;

namespace ImpalaAkka.Cluster.Tests.Hosting;

/// <summary>Mutual TLS between real Akka.Remote systems on loopback, each pinning its lab certificate.</summary>
public sealed class TlsTests : IDisposable
{
    private const string Password = "lab-password";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // Remote provider rather than cluster: the transport alone decides who gets in. The ssl lines are
    // those ClusterSettings.AkkaHocon renders with TLS on.
    private const string Hocon = """
        akka.actor.provider = remote
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp {
          hostname = "127.0.0.1"
          port = 0
          enable-ssl = true
          ssl { suppress-validation = false }
        }
        akka.coordinated-shutdown.exit-clr = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("ia-tls-").FullName;
    private readonly List<ActorSystem> systems = [];

    public void Dispose()
    {
        Task.WhenAll(systems.Select(s => s.Terminate())).Wait(Limit);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task SameCertificate_TwoSystems_ExchangeMessagesBothWays()
    {
        var certificate = NewCertificate("lab.pfx");
        var a = Start(certificate);
        var b = Start(certificate);

        InboxOf(b, a).Tell("b to a");
        Assert.Equal("b to a", await NextAsync(a));
        InboxOf(a, b).Tell("a to b");
        Assert.Equal("a to b", await NextAsync(b));
    }

    [Fact]
    public async Task ForeignCertificate_DialingANode_NothingArrivesTheDialerShutsDownAndTheNodeStaysHealthy()
    {
        var certificate = NewCertificate("lab.pfx");
        var a = Start(certificate);
        var b = Start(certificate);
        var foreign = Start(NewCertificate("foreign.pfx"));
        InboxOf(b, a).Tell("before");
        Assert.Equal("before", await NextAsync(a));

        InboxOf(foreign, a).Tell("from foreign");

        // Akka.Remote 1.5.74: a failed TLS handshake makes the dialing system run CoordinatedShutdown
        // (TlsHandshakeFailureReason, exit code 79). Once it has terminated its message can never arrive.
        await AssertTerminatesAsync(foreign.System, "the foreign dialer");
        Assert.Equal("TlsHandshakeFailureReason", CoordinatedShutdown.Get(foreign.System).ShutdownReason?.GetType().Name);
        Assert.False(a.Inbox.TryPeek(out var leaked), $"expected nothing from the foreign system, got '{leaked}'");
        Assert.False(a.System.WhenTerminated.IsCompleted, "the node that refused the foreign certificate terminated");

        InboxOf(b, a).Tell("after");
        Assert.Equal("after", await NextAsync(a));
    }

    [Fact]
    public async Task ForeignCertificate_NodeDialsIt_TheDialingNodeShutsItselfDown()
    {
        var b = Start(NewCertificate("lab.pfx"));
        var foreign = Start(NewCertificate("foreign.pfx"));

        InboxOf(b, foreign).Tell("to foreign");

        // The hazard to design around: a good node that dials an address answered by a foreign
        // certificate (a wrong seed, a stranger on a reused port) takes itself down; the listener lives.
        await AssertTerminatesAsync(b.System, "the good node that dialed a foreign certificate");
        Assert.Equal("TlsHandshakeFailureReason", CoordinatedShutdown.Get(b.System).ShutdownReason?.GetType().Name);
        Assert.False(foreign.Inbox.TryPeek(out var leaked), $"expected nothing at the foreign system, got '{leaked}'");
        Assert.False(foreign.System.WhenTerminated.IsCompleted, "the listening system terminated");
    }

    [Fact]
    public void For_TlsOff_IsNull() => Assert.Null(TlsSetup.For(new TlsSettings(false, "", "")));

    [Fact]
    public void For_TlsOn_PresentsTheCertificateAndRequiresAPinnedPeer()
    {
        var certificate = NewCertificate("lab.pfx");
        var ssl = Assert.IsType<DotNettySslSetup>(TlsSetup.For(new TlsSettings(true, certificate, Password)));
        using var expected = LabCertificate.Load(certificate, Password);
        Assert.Equal(expected.Thumbprint, ssl.Certificate.Thumbprint);
        Assert.True(ssl.Certificate.HasPrivateKey);
        Assert.False(ssl.SuppressValidation);
        Assert.True(ssl.RequireMutualAuthentication);
        Assert.False(ssl.ValidateCertificateHostname);
        Assert.NotNull(ssl.CustomValidator);
    }

    [Fact]
    public void For_BadCertificate_ThrowsClusterSetupExceptionNamingTheFile()
    {
        var missing = Path.Combine(directory, "missing.pfx");
        var e = Assert.Throws<ClusterSetupException>(() => TlsSetup.For(new TlsSettings(true, missing, Password)));
        Assert.Contains(missing, e.Message);
    }

    private sealed record Node(ActorSystem System, Address Address, ChannelReader<string> Inbox);

    private sealed class InboxActor : ReceiveActor
    {
        public InboxActor(ChannelWriter<string> inbox) => Receive<string>(text => inbox.TryWrite(text));
    }

    private string NewCertificate(string name)
    {
        var path = Path.Combine(directory, name);
        LabCertificate.Create(path, Password, ["127.0.0.1", "localhost"], days: 1);
        return path;
    }

    private Node Start(string certificate)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString(Hocon));
        var ssl = TlsSetup.For(new TlsSettings(true, certificate, Password))!;
        var system = ActorSystem.Create("lab", ActorSystemSetup.Create(bootstrap, ssl));
        systems.Add(system);
        var inbox = Channel.CreateUnbounded<string>();
        system.ActorOf(Props.Create(() => new InboxActor(inbox.Writer)), "inbox");
        return new Node(system, ((ExtendedActorSystem)system).Provider.DefaultAddress, inbox.Reader);
    }

    private static ActorSelection InboxOf(Node from, Node to) => from.System.ActorSelection(new RootActorPath(to.Address) / "user" / "inbox");

    private static async Task<string> NextAsync(Node node)
    {
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            return await node.Inbox.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"expected a message at {node.Address} within {Limit.TotalSeconds:0} s, got none");
        }
    }

    private static async Task AssertTerminatesAsync(ActorSystem system, string what)
    {
        var finished = await Task.WhenAny(system.WhenTerminated, Task.Delay(Limit));
        Assert.True(finished == system.WhenTerminated, $"expected {what} to terminate within {Limit.TotalSeconds:0} s; it is still running");
    }
}
