using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ImpalaAkka.Config;
using Cfg = ImpalaAkka.Config.Config;

namespace ImpalaAkka.Cluster;

/// <summary>A node's "host:port".</summary>
public readonly record struct Endpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>Mutual TLS for remoting: one PFX every node presents and pins.</summary>
public sealed record TlsSettings(bool Enabled, string Certificate, string Password);

/// <summary>
/// The <c>impala.cluster</c> section (every key is documented in hocon/reference.conf): this node's
/// name and address, the cluster's name and seeds, TLS, the learner's shared folder, the outbox and
/// broadcast timers, Akka's failure detection and downing, and fault injection. Bound and checked
/// once, when settings are read; <see cref="AkkaHocon"/> renders the Akka configuration from it, so
/// Akka's parser never sees user text.
/// </summary>
public sealed partial record ClusterSettings(
    string Node,
    string Name,
    string Hostname,
    int Port,
    IReadOnlyList<Endpoint> SeedNodes,
    TlsSettings Tls,
    bool AllowInsecure,
    string LearnerDirectory,
    TimeSpan ConfirmTimeout,
    TimeSpan RedeliveryTimeout,
    int MaxMessageBytes,
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan StableAfter,
    TimeSpan RetryJoinAfter,
    TimeSpan JoinTimeout,
    bool FaultInjection,
    string ControlFile)
{
    private const string Section = "impala.cluster";

    /// <summary>The address scheme of this cluster's nodes (TLS and the fault-injection adapters change it).</summary>
    public string Scheme => (FaultInjection ? "akka.trttl.gremlin" : "akka") + (Tls.Enabled ? ".ssl.tcp" : ".tcp");

    /// <summary>The Akka address of the node at <paramref name="endpoint"/>.</summary>
    public string AddressOf(Endpoint endpoint) => $"{Scheme}://{Name}@{endpoint.Host}:{endpoint.Port}";

    public static ClusterSettings Bind(Cfg c)
    {
        string Key(string name) => $"{Section}.{name}";
        TimeSpan Duration(string name, TimeSpan min, TimeSpan max) => c.GetDurationWithin(Key(name), min, max);
        var node = c.GetString(Key("node"));
        if (!NamePattern().IsMatch(node)) throw c.Invalid(Key("node"), $"must be 1..64 letters, digits, '-' or '_', got '{node}'");
        var name = c.GetString(Key("name"));
        if (!NamePattern().IsMatch(name)) throw c.Invalid(Key("name"), $"must be 1..64 letters, digits, '-' or '_' (it names the Akka system), got '{name}'");
        var hostname = c.GetString(Key("hostname"));
        if (!IsHost(hostname)) throw c.Invalid(Key("hostname"), $"must be an IP address or a host name, got '{hostname}'");
        var port = c.GetInt(Key("port"));
        if (port is < 0 or > 65535) throw c.Invalid(Key("port"), $"must be 0 (any free port) or 1..65535, got {port}");
        var seedTexts = c.GetStringList(Key("seed-nodes"));
        if (seedTexts.Count is < 1 or > 64) throw c.Invalid(Key("seed-nodes"), $"must list 1..64 nodes as \"host:port\", got {seedTexts.Count}");
        var seeds = seedTexts.Select((text, i) => ParseEndpoint(text) ?? throw c.Invalid(Key("seed-nodes"), $"item {i}: '{text}' is not \"host:port\" with a port in 1..65535")).ToList();
        var tls = new TlsSettings(c.GetBool(Key("tls.enabled")), c.GetString(Key("tls.certificate")), c.GetString(Key("tls.password")));
        if (tls.Enabled && tls.Certificate.Length == 0) throw c.Invalid(Key("tls.certificate"), "tls.enabled = on needs a certificate (make one with impala cluster cert --out FILE)");
        if (tls.Enabled && !File.Exists(tls.Certificate)) throw c.Invalid(Key("tls.certificate"), $"{tls.Certificate} does not exist");
        var allowInsecure = c.GetBool(Key("allow-insecure"));
        if (!IsLoopback(hostname) && !tls.Enabled && !allowInsecure)
        {
            throw c.Invalid(Key("hostname"),
                $"{hostname} is not a loopback address: anyone who reaches it could join the cluster; turn on {Section}.tls.enabled (impala cluster cert makes a certificate) or, on a closed lab network, set {Section}.allow-insecure = on");
        }
        var maxBytes = c.GetBytes(Key("max-message-bytes"));
        if (maxBytes is < 1024 or > 512L << 20) throw c.Invalid(Key("max-message-bytes"), $"must be in 1KiB..512MiB, got {maxBytes}");
        var faultInjection = c.GetBool(Key("fault-injection"));
        var controlFile = c.GetString(Key("control-file"));
        if (controlFile.Length > 0 && !faultInjection) throw c.Invalid(Key("control-file"), $"needs {Section}.fault-injection = on");
        return new ClusterSettings(node, name, hostname, port, seeds, tls, allowInsecure, c.GetString(Key("learner-dir")),
            Duration("confirm-timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
            Duration("redelivery-timeout", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            (int)maxBytes,
            Duration("heartbeat-interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            Duration("acceptable-heartbeat-pause", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            Duration("stable-after", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            Duration("retry-join-after", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            Duration("join-timeout", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)),
            faultInjection, controlFile);
    }

    /// <summary>"host:port" with a port in 1..65535, or null.</summary>
    public static Endpoint? ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0) return null;
        var host = text[..colon];
        return IsHost(host) && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? new Endpoint(host, port)
            : null;
    }

    /// <summary>
    /// The Akka configuration of this node with <paramref name="role"/>: cluster provider, remoting
    /// on <see cref="Hostname"/>:<see cref="Port"/> with the frame size above the message limit, seeds,
    /// keep-majority downing, failure detection, our serializer for every remote message, TLS and the
    /// fault-injection adapters when on. Our own values only, quoted: never user text to parse.
    /// </summary>
    public string AkkaHocon(string role, string serializationHocon)
    {
        static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        static string Ms(TimeSpan t) => ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var frame = MaxMessageBytes + (64 << 10);
        var adapters = FaultInjection ? "applied-adapters = [trttl, gremlin]" : "";
        var ssl = Tls.Enabled
            ? "enable-ssl = true\n ssl { suppress-validation = false }"
            : "enable-ssl = false";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              actor.provider = cluster
              remote {
                log-remote-lifecycle-events = off
                dot-netty.tcp {
                  hostname = {{Q(Hostname)}}
                  port = {{Port}}
                  maximum-frame-size = {{frame}}b
                  send-buffer-size = {{frame * 2}}b
                  receive-buffer-size = {{frame * 2}}b
                  {{adapters}}
                  {{ssl}}
                }
              }
              cluster {
                roles = [{{Q(role)}}, {{Q("node:" + Node)}}]
                seed-nodes = [{{string.Join(", ", SeedNodes.Select(s => Q(AddressOf(s))))}}]
                retry-unsuccessful-join-after = {{Ms(RetryJoinAfter)}}
                seed-node-timeout = 5s
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Ms(StableAfter)}}
                }
                failure-detector {
                  heartbeat-interval = 1s
                  acceptable-heartbeat-pause = {{Ms(AcceptableHeartbeatPause)}}
                }
                run-coordinated-shutdown-when-down = on
                singleton.hand-over-retry-interval = 500ms
                log-info = off
              }
              coordinated-shutdown.exit-clr = off
            }
            impala.wire.max-message-bytes = {{MaxMessageBytes}}
            {{serializationHocon}}
            """);
    }

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static bool IsHost(string host) => IPAddress.TryParse(host, out _) || HostPattern().IsMatch(host);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();
}
