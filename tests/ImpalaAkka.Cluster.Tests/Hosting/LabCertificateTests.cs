using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImpalaAkka.Cluster.Hosting;

namespace ImpalaAkka.Cluster.Tests.Hosting;

public sealed class LabCertificateTests : IDisposable
{
    private const string Password = "lab-password";
    private readonly string directory = Directory.CreateTempSubdirectory("ia-cert-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string File(string name) => Path.Combine(directory, name);

    [Fact]
    public void Create_ThenLoad_HasKeySansBothUsagesAndOwnerOnlyMode()
    {
        var path = File("lab.pfx");
        LabCertificate.Create(path, Password, ["127.0.0.1", "localhost", "node-1.lab", "::1"], days: 30);

        using var certificate = LabCertificate.Load(path, Password);
        Assert.True(certificate.HasPrivateKey);
        Assert.NotNull(certificate.GetRSAPrivateKey());
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["127.0.0.1", "::1"], names.EnumerateIPAddresses().Select(a => a.ToString()).Order());
        Assert.Equal(["localhost", "node-1.lab"], names.EnumerateDnsNames().Order());
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Order());
        Assert.InRange((certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays, 29.9, 30.01);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Create_FileExists_RefusesAndLeavesItUntouched()
    {
        var path = File("lab.pfx");
        System.IO.File.WriteAllText(path, "keep me");

        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Create(path, Password, ["127.0.0.1"], days: 1));

        Assert.Equal($"{path}: already exists; refusing to overwrite it", e.Message);
        Assert.Equal("keep me", System.IO.File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("")]
    [InlineData("a..b")]
    public void Create_BadHost_ThrowsAndWritesNothing(string host)
    {
        Assert.Throws<ArgumentException>(() => LabCertificate.Create(File("lab.pfx"), Password, [host], days: 1));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Load_WrongPassword_NamesFileAndPassword()
    {
        var path = File("lab.pfx");
        LabCertificate.Create(path, Password, ["127.0.0.1"], days: 1);

        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Load(path, "not the password"));

        Assert.StartsWith($"TLS certificate {path}: cannot be opened with the given password", e.Message);
    }

    [Fact]
    public void Load_MissingFile_NamesFile()
    {
        var path = File("missing.pfx");
        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Load(path, Password));
        Assert.Equal($"TLS certificate {path}: no such file (make one with impala cluster cert --out FILE)", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n")]
    [InlineData("\u0030\u0082 garbage bytes that look a little like DER")]
    public void Load_NotAPfx_NamesFile(string content)
    {
        var path = File("garbage.pfx");
        System.IO.File.WriteAllText(path, content);
        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Load(path, Password));
        Assert.Equal($"TLS certificate {path}: not a PKCS#12 (PFX) file", e.Message);
    }

    [Fact]
    public void Load_PfxWithoutPrivateKey_NamesFile()
    {
        var withKey = File("lab.pfx");
        LabCertificate.Create(withKey, Password, ["127.0.0.1"], days: 1);
        var path = File("public-only.pfx");
        using (var full = LabCertificate.Load(withKey, Password))
        using (var publicOnly = X509CertificateLoader.LoadCertificate(full.RawData))
            System.IO.File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pfx, Password));

        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Load(path, Password));

        Assert.StartsWith($"TLS certificate {path}: holds no private key", e.Message);
    }

    [Fact]
    public void Load_Expired_NamesFileAndDate()
    {
        var path = File("old.pfx");
        LabCertificate.Create(path, Password, ["127.0.0.1"], days: 1, now: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var e = Assert.Throws<ClusterSetupException>(() => LabCertificate.Load(path, Password));

        Assert.StartsWith($"TLS certificate {path}: expired on 2020-01-02 00:00:00 UTC", e.Message);
    }
}
