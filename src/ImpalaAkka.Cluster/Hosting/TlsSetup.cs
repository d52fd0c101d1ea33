using Akka.Actor.Setup;
using Akka.Remote.Transport.DotNetty;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// Akka.Remote's mutual TLS for a node: it presents the lab certificate and accepts only a peer that
/// presents the same one (pinned by thumbprint). HOCON cannot trust a self-signed certificate, so
/// this goes in the system's setup (RoleSystem.Create's <c>setup</c>); the HOCON still needs
/// <c>enable-ssl = true</c> (see <see cref="ClusterSettings.AkkaHocon"/>).
/// </summary>
public static class TlsSetup
{
    /// <summary>Null when TLS is off; otherwise the SSL setup for the certificate (a <see cref="ClusterSetupException"/> if it cannot be used).</summary>
    public static Setup? For(TlsSettings tls)
    {
        if (!tls.Enabled) return null;
        var certificate = LabCertificate.Load(tls.Certificate, tls.Password);
        return new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false,
            customValidator: CertificateValidation.PinnedCertificate(certificate.Thumbprint));
    }
}
