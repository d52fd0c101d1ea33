using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using ImpalaAkka.Cli.Commands;
using ImpalaAkka.Cluster.Hosting;

namespace ImpalaAkka.Cli.Tests.Commands;

public sealed class ClusterCertCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-cli-cert-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // The command is not in CliApp's tree yet: run it under its own root the way CliApp.Run does,
    // with IMPALA_TLS_PASSWORD taken from the test instead of the process environment.
    private static (int Code, string Output, string Error) Invoke(string? environmentPassword, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand();
        root.Subcommands.Add(ClusterCertCommand.Create(output, error, name => name == "IMPALA_TLS_PASSWORD" ? environmentPassword : null));
        var parse = root.Parse(["cert", .. args]);
        foreach (var e in parse.Errors) error.WriteLine($"impala: {e.Message}");
        var code = parse.Errors.Count == 0 ? parse.Invoke() : CliApp.InvalidInput;
        return (code, output.ToString(), error.ToString());
    }

    private string File(string name) => Path.Combine(directory, name);

    private static X509SubjectAlternativeNameExtension Names(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

    [Fact]
    public void Cert_Defaults_WritesPfxForLoopbackWithEnvironmentPasswordAndPrintsTheConfig()
    {
        var path = File("lab.pfx");

        var (code, output, error) = Invoke("from-env", "--out", path);

        Assert.True(code == 0, error);
        using var certificate = LabCertificate.Load(path, "from-env");
        Assert.Equal(["127.0.0.1"], Names(certificate).EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal(["localhost"], Names(certificate).EnumerateDnsNames());
        Assert.InRange((certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays, 364.9, 365.01);
        Assert.StartsWith($"impala cluster cert: wrote {path} (mode 0600;", output);
        Assert.Contains($"  impala.cluster.tls {{ enabled = on, certificate = \"{path}\", password = ${{?IMPALA_TLS_PASSWORD}} }}\n", output);
        Assert.DoesNotContain("from-env", output);
    }

    [Fact]
    public void Cert_RepeatedHostDaysAndPassword_AreAllUsed()
    {
        var path = File("lab.pfx");

        var (code, _, error) = Invoke("not-this-one", "--out", path, "--host", "10.0.0.5", "--host", "learner.lab", "--days", "7", "--password", "given");

        Assert.True(code == 0, error);
        using var certificate = LabCertificate.Load(path, "given");
        Assert.Equal(["10.0.0.5"], Names(certificate).EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal(["learner.lab"], Names(certificate).EnumerateDnsNames());
        Assert.InRange((certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays, 6.9, 7.01);
    }

    [Fact]
    public void Cert_ExistingFile_ExitsTwoNamingOutAndKeepsTheFile()
    {
        var path = File("lab.pfx");
        System.IO.File.WriteAllText(path, "keep me");

        var (code, _, error) = Invoke("pw", "--out", path);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Equal($"impala cluster cert: --out: {path} already exists; refusing to overwrite it\n", error);
        Assert.Equal("keep me", System.IO.File.ReadAllText(path));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3651")]
    public void Cert_DaysOutOfRange_ExitsTwoNamingDays(string days)
    {
        var (code, _, error) = Invoke("pw", "--out", File("lab.pfx"), "--days", days);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Equal($"impala cluster cert: --days: must be 1..3650, got {days}\n", error);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("a..b")]
    [InlineData("")]
    public void Cert_BadHost_ExitsTwoNamingHost(string host)
    {
        var (code, _, error) = Invoke("pw", "--out", File("lab.pfx"), "--host", "127.0.0.1", "--host", host);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Equal($"impala cluster cert: --host: '{host}' is neither an IP address nor a DNS name\n", error);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Cert_NoPassword_ExitsTwoNamingPasswordAndWritesNothing(string? environmentPassword)
    {
        var (code, _, error) = Invoke(environmentPassword, "--out", File("lab.pfx"));

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.StartsWith("impala cluster cert: --password: no password: pass --password or set IMPALA_TLS_PASSWORD", error);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Cert_NoOut_ExitsTwo()
    {
        var (code, _, error) = Invoke("pw");

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("--out", error);
    }
}
