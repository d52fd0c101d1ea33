using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// The self-signed certificate every node of a lab cluster presents and pins (mutual TLS): RSA 2048,
/// a SAN for each host, server and client authentication, stored as a password-protected PFX.
/// </summary>
public static class LabCertificate
{
    /// <summary>The most days a lab certificate may be valid.</summary>
    public const int MaxDays = 3650;

    // Lets a node whose clock is a little behind the machine that made the certificate accept it.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="host"/> can go in the certificate: an IP address or a DNS name.</summary>
    public static bool IsHost(string host) => Uri.CheckHostName(host) is UriHostNameType.IPv4 or UriHostNameType.IPv6 or UriHostNameType.Dns;

    /// <summary>
    /// Makes a certificate for <paramref name="hosts"/> valid for <paramref name="days"/> from now and
    /// writes it to <paramref name="path"/> (mode 0600) all at once. Never replaces an existing file:
    /// a file already there, or one that cannot be written, is a <see cref="ClusterSetupException"/>.
    /// </summary>
    public static void Create(string path, string password, IReadOnlyList<string> hosts, int days) =>
        Create(path, password, hosts, days, DateTimeOffset.UtcNow);

    internal static void Create(string path, string password, IReadOnlyList<string> hosts, int days, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        if (hosts.Count == 0) throw new ArgumentException("at least one host is needed", nameof(hosts));
        if (hosts.FirstOrDefault(h => !IsHost(h)) is { } badHost) throw new ArgumentException($"'{badHost}' is neither an IP address nor a DNS name", nameof(hosts));

        var full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full)) throw new ClusterSetupException($"{full}: already exists; refusing to overwrite it");
        byte[] pfx;
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=impala-lab-cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in hosts)
            {
                if (IPAddress.TryParse(host, out var address)) names.AddIpAddress(address);
                else names.AddDnsName(host);
            }
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(now - ClockSkew, now.AddDays(days));
            pfx = certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        }
        WriteNew(full, pfx);
    }

    /// <summary>
    /// The certificate and private key in the PFX at <paramref name="path"/>, checked for use now. Every
    /// failure (no such file, wrong password, not a PFX, no private key, expired or not yet valid) is a
    /// <see cref="ClusterSetupException"/> naming the file and the reason.
    /// </summary>
    public static X509Certificate2 Load(string path, string password)
    {
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClusterSetupException($"TLS certificate {full}: no such file (make one with impala cluster cert --out FILE)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterSetupException($"TLS certificate {full}: cannot be read: {e.Message}");
        }
        if (!IsPfx(bytes))
            throw new ClusterSetupException($"TLS certificate {full}: not a PKCS#12 (PFX) file");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(bytes, password);
        }
        catch (CryptographicException e)
        {
            throw new ClusterSetupException($"TLS certificate {full}: cannot be opened with the given password (wrong password, or a damaged file): {e.Message}");
        }
        var problem = Problem(certificate, DateTimeOffset.UtcNow);
        if (problem is null) return certificate;
        certificate.Dispose();
        throw new ClusterSetupException($"TLS certificate {full}: {problem}");
    }

    private static bool IsPfx(byte[] bytes)
    {
        try
        {
            return bytes.Length > 0 && X509Certificate2.GetCertContentType(bytes) == X509ContentType.Pfx;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string? Problem(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey) return "holds no private key (a node must prove it owns the certificate)";
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime) return $"expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC (make a new one with impala cluster cert)";
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime) return $"not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC (is this machine's clock behind?)";
        return null;
    }

    // A temporary sibling created owner-only, flushed, then linked into place without replacing
    // anything, so a reader never sees half a key and a race with another writer loses cleanly.
    private static void WriteNew(string full, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            throw new ClusterSetupException($"{full}: already exists; refusing to overwrite it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterSetupException($"{full}: cannot be written: {e.Message}");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
