using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// The data-protection key ring (it protects sign-in cookies, bearer tokens, antiforgery tokens and
/// survey links) lives in the database so that every node reads the same keys. With a certificate
/// configured (section <c>Kefu:DataProtection</c>) each key is encrypted with it before it is
/// stored, so a copy of the database alone does not let anyone forge a cookie.
/// </summary>
public static class DataProtectionSetup
{
    public const string Section = "Kefu:DataProtection";

    public static void AddKefuDataProtection(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("Kefu");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));

        var section = builder.Configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["CertificatePath"]))
        {
            return;
        }

        var certificate = Load(section, "Kefu:DataProtection:CertificatePath");
        // Keys written under an earlier certificate stay readable while they are still in use.
        var previous = section.GetSection("PreviousCertificates").GetChildren()
            .Select((c, i) => Load(c, $"{Section}:PreviousCertificates:{i}:CertificatePath"))
            .ToArray();
        protection.ProtectKeysWithCertificate(certificate);
        protection.UnprotectKeysWithAnyCertificate([certificate, .. previous]);
    }

    /// <summary>Says at start when keys go to the database in clear outside Development (the framework's own warning is filtered out in appsettings).</summary>
    public static void WarnIfKeysAreStoredInClear(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(app.Configuration[$"{Section}:CertificatePath"]))
        {
            app.Logger.LogWarning("Data-protection keys are stored in the database unencrypted; set {Setting} to encrypt them at rest.", $"{Section}:CertificatePath");
        }
    }

    /// <summary>A PKCS#12 file (<c>CertificatePath</c> + <c>CertificatePassword</c>) or PEM files (<c>CertificatePath</c> + <c>CertificateKeyPath</c>).</summary>
    private static X509Certificate2 Load(IConfiguration section, string settingName)
    {
        var path = section["CertificatePath"];
        var password = section["CertificatePassword"];
        var keyPath = section["CertificateKeyPath"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"{settingName}: the certificate file '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = string.IsNullOrWhiteSpace(keyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{settingName}: the certificate '{path}' cannot be read (wrong password or format): {e.Message}", e);
        }

        using var rsa = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (rsa is null)
        {
            throw new InvalidOperationException($"{settingName}: the certificate '{path}' needs an RSA private key to encrypt and read the data-protection keys.");
        }

        return certificate;
    }
}
