using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Cluster.Hosting;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala cluster cert --out FILE [--host H]... [--days N] [--password P]</c>: the self-signed
/// certificate (<see cref="LabCertificate"/>) every node of a lab cluster presents and pins for
/// mutual TLS, and the config lines that turn it on. Never overwrites a file.
/// </summary>
internal static class ClusterCertCommand
{
    private const string PasswordVariable = "IMPALA_TLS_PASSWORD";
    private static readonly string[] DefaultHosts = ["127.0.0.1", "localhost"];

    public static Command Create(TextWriter output, TextWriter error) => Create(output, error, Environment.GetEnvironmentVariable);

    internal static Command Create(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "where to write the PFX (an existing file is never replaced)", Required = true };
        var hosts = new Option<string[]>("--host") { Description = "an IP address or DNS name nodes are reached by (repeatable; default 127.0.0.1 and localhost)" };
        var days = new Option<int>("--days") { Description = $"days the certificate is valid, 1..{LabCertificate.MaxDays}", DefaultValueFactory = _ => 365 };
        var password = new Option<string?>("--password") { Description = $"the PFX's password (default: ${PasswordVariable}, which the nodes read too)" };
        var command = new Command("cert", "Make the self-signed certificate every node of a lab cluster presents and accepts (mutual TLS), and print the config that turns TLS on.");
        foreach (var option in new Option[] { outFile, hosts, days, password }) command.Options.Add(option);
        command.SetAction(result => Run(result.GetValue(outFile)!, result.GetValue(hosts) ?? [], result.GetValue(days),
            result.GetValue(password) ?? environment(PasswordVariable), output, error));
        return command;
    }

    private static int Run(FileInfo outFile, string[] hostOptions, int days, string? password, TextWriter output, TextWriter error)
    {
        int Invalid(string option, string reason)
        {
            error.WriteLine($"impala cluster cert: {option}: {reason}");
            return CliApp.InvalidInput;
        }
        if (outFile.Exists || Directory.Exists(outFile.FullName)) return Invalid("--out", $"{outFile.FullName} already exists; refusing to overwrite it");
        if (days is < 1 or > LabCertificate.MaxDays) return Invalid("--days", $"must be 1..{LabCertificate.MaxDays}, got {days}");
        var hosts = hostOptions.Length == 0 ? DefaultHosts : hostOptions.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (hosts.FirstOrDefault(h => !LabCertificate.IsHost(h)) is { } badHost) return Invalid("--host", $"'{badHost}' is neither an IP address nor a DNS name");
        if (string.IsNullOrEmpty(password))
            return Invalid("--password", $"no password: pass --password or set {PasswordVariable} (the PFX holds the cluster's private key, so it is never written unprotected)");
        try
        {
            LabCertificate.Create(outFile.FullName, password, hosts, days);
        }
        catch (ClusterSetupException e)
        {
            return Invalid("--out", e.Message);
        }
        using var certificate = LabCertificate.Load(outFile.FullName, password);
        var path = outFile.FullName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala cluster cert: wrote {outFile.FullName} (mode 0600; self-signed RSA 2048 for {string.Join(", ", hosts)}; valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC; SHA-1 thumbprint {certificate.Thumbprint})"));
        output.WriteLine("Copy it to every node (it holds the private key) and put in each node's config:");
        output.WriteLine($"  impala.cluster.tls {{ enabled = on, certificate = \"{path}\", password = ${{?{PasswordVariable}}} }}");
        output.WriteLine($"with {PasswordVariable} set to its password in each node's environment.");
        return CliApp.Ok;
    }
}
