using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// Two fresh Linux network namespaces, <see cref="A"/> and <see cref="B"/>, joined by a veth pair
/// (<see cref="AddressA"/> and <see cref="AddressB"/> in a 10.213.x.0/24 no host interface uses), with
/// <c>lo</c> and the veths up: two network stacks on one machine. Made with <c>ip</c>, so it needs root
/// (CAP_NET_ADMIN and CAP_SYS_ADMIN). Dispose SIGKILLs every process still in either namespace and
/// deletes both, whatever happened before.
/// </summary>
internal sealed class NetworkNamespaces : IDisposable
{
    public const string InterfaceA = "ia-veth-a";
    public const string InterfaceB = "ia-veth-b";

    private static readonly Lazy<string?> Unavailable = new(Probe);
    private static int made;

    private readonly List<string> created = [];

    public NetworkNamespaces()
    {
        var name = $"ia-{Environment.ProcessId}-{Interlocked.Increment(ref made)}";
        (A, B) = (name + "-a", name + "-b");
        var subnet = FreeSubnet();
        (AddressA, AddressB) = ($"10.213.{subnet}.1", $"10.213.{subnet}.2");
        try
        {
            Ip("netns", "add", A);
            created.Add(A);
            Ip("netns", "add", B);
            created.Add(B);
            Ip("link", "add", InterfaceA, "netns", A, "type", "veth", "peer", "name", InterfaceB, "netns", B);
            Ip("-n", A, "address", "add", AddressA + "/24", "dev", InterfaceA);
            Ip("-n", B, "address", "add", AddressB + "/24", "dev", InterfaceB);
            foreach (var (ns, veth) in new[] { (A, InterfaceA), (B, InterfaceB) })
            {
                Ip("-n", ns, "link", "set", "lo", "up");
                Ip("-n", ns, "link", "set", veth, "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why namespaces cannot be made here (naming the step that failed), or null when they can; probed once per process.</summary>
    public static string? SkipReason => Unavailable.Value;

    public string A { get; }

    public string B { get; }

    public string AddressA { get; }

    public string AddressB { get; }

    /// <summary>The command that runs a program inside <paramref name="ns"/> (ip netns exec execs it: same process, signals reach it).</summary>
    public static string[] Exec(string ns) => ["ip", "netns", "exec", ns];

    /// <summary>Brings the veth end in <paramref name="ns"/> down (the link is cut both ways) or up again.</summary>
    public void SetLink(string ns, bool up) => Ip("-n", ns, "link", "set", ns == A ? InterfaceA : InterfaceB, up ? "up" : "down");

    public void Dispose()
    {
        foreach (var ns in created)
        {
            // A namespace outlives its name while processes are in it: they go first.
            foreach (var pid in TryIp("netns", "pids", ns).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    using var process = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
                {
                    // Already gone.
                }
            }
            TryIp("netns", "delete", ns);
        }
        created.Clear();
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        try
        {
            using var probe = new NetworkNamespaces();
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            var who = Environment.IsPrivilegedProcess ? "" : " (not running as root)";
            return $"cannot make network namespaces{who}: {e.Message}";
        }
    }

    /// <summary>A third octet x for 10.213.x.0/24 that no interface of this host has an address in.</summary>
    private static int FreeSubnet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address.GetAddressBytes())
            .Where(b => b.Length == 4 && b[0] == 10 && b[1] == 213)
            .Select(b => (int)b[2])
            .ToHashSet();
        var free = Enumerable.Range(0, 256).Where(x => !used.Contains(x)).ToList();
        if (free.Count == 0) throw new InvalidOperationException("every 10.213.x.0/24 is in use on this host");
        return free[Random.Shared.Next(free.Count)];
    }

    private static void Ip(params string[] args)
    {
        var (exit, output) = Run(args);
        if (exit != 0) throw new InvalidOperationException($"`ip {string.Join(' ', args)}` failed (exit {exit}): {output.Trim()}");
    }

    /// <summary>Runs ip and returns its output, or "" when it fails (for cleanup, which must not throw).</summary>
    private static string TryIp(params string[] args)
    {
        try
        {
            var (exit, output) = Run(args);
            return exit == 0 ? output : "";
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            return "";
        }
    }

    private static (int Exit, string Output) Run(string[] args)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run `ip` (iproute2): {e.Message}", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new InvalidOperationException($"`ip {string.Join(' ', args)}` did not finish within 30 s");
            }
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}
