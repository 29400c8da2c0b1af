using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Kefu as deployed: Production, behind a TLS-terminating proxy (Kefu:ForwardedHeaders), with the
/// data-protection keys encrypted by a certificate made here for the test.
/// </summary>
public abstract class ProductionApp : KefuFactory
{
    public const string CertificatePassword = "Kefu-cert-2026";

    private readonly string _certificatePath = Path.Combine(TestDatabase.TempRoot, $"dp-{Guid.NewGuid():N}.pfx");

    protected ProductionApp(DatabaseKind kind) : base(kind)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Kefu data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        CertificateBase64 = Convert.ToBase64String(certificate.RawData);
        Directory.CreateDirectory(TestDatabase.TempRoot);
        File.WriteAllBytes(_certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }

    /// <summary>The certificate (public part) as it appears in an encrypted key's XML.</summary>
    public string CertificateBase64 { get; }

    /// <summary>Production seeds no demo data: this app starts on an empty database.</summary>
    protected override bool StartsFromTemplate => false;

    public static Uri Https(string path = "/") => new($"https://localhost{path}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Kefu:ForwardedHeaders", "true");
        builder.UseSetting("Kefu:Jobs:Enabled", "false");
        builder.UseSetting("Kefu:DataProtection:CertificatePath", _certificatePath);
        builder.UseSetting("Kefu:DataProtection:CertificatePassword", CertificatePassword);
    }

    /// <summary>A client talking HTTPS to the in-memory server (Production redirects plain HTTP).</summary>
    public HttpClient HttpsClient(WebApplicationFactory<Program>? node = null) =>
        (node ?? this).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Https() });

    public async Task<string> BearerTokenAsync(string userName)
    {
        using var client = HttpsClient();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = PasswordOf(userName) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_certificatePath);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteProductionApp() : ProductionApp(DatabaseKind.Sqlite);

public sealed class PostgresProductionApp() : ProductionApp(DatabaseKind.Postgres), IRequiresPostgres;

/// <summary>
/// Issue 10, class 13: Secure cookies behind a TLS proxy and over HTTPS, API documentation behind
/// sign-in in Production unless configured open, data-protection keys encrypted at rest.
/// </summary>
public abstract class TransportSecurityTests(ProductionApp app)
{
    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];

    private static string Cookie(HttpResponseMessage response, string namePrefix) =>
        Assert.Single(SetCookies(response), c => c.StartsWith(namePrefix, StringComparison.Ordinal));

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [ProviderFact]
    public async Task AuthAndAntiforgeryCookies_BehindATlsTerminatingProxy_AreSecure()
    {
        // The proxy speaks plain HTTP to Kefu and says in X-Forwarded-Proto that the browser used HTTPS.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.70");

        using var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Cookie(page, ".AspNetCore.Antiforgery.");
        Assert.True(IsSecure(antiforgery), antiforgery);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "sh.sup",
                ["Input.Password"] = KefuFactory.DemoPassword,
                ["__RequestVerificationToken"] = PageSession.FormToken(await page.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookie(signedIn, "kefu.auth=");
        Assert.True(IsSecure(auth), auth);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [ProviderFact]
    public async Task AntiforgeryCookie_OverHttps_IsSecure()
    {
        using var client = app.HttpsClient();

        using var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Cookie(page, ".AspNetCore.Antiforgery.");
        Assert.True(IsSecure(antiforgery), antiforgery);
    }

    [ProviderFact]
    public async Task ApiDocs_InProduction_NeedSignIn()
    {
        using var anonymous = app.HttpsClient();
        using var signedIn = app.HttpsClient();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.BearerTokenAsync("sh.sup"));

        foreach (var url in new[] { "/openapi/v1.json", "/swagger/index.html" })
        {
            using var refused = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

            using var served = await signedIn.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // The document says how to authenticate, so Swagger UI offers "Authorize" for a bearer token.
        var document = await signedIn.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        Assert.Equal("bearer", (string?)document!["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.Empty(document["paths"]!["/api/auth/token"]!["post"]!["security"]!.AsArray());
    }

    [ProviderFact]
    public async Task ApiDocs_ConfiguredPublic_AreServedWithoutSignIn()
    {
        await using var open = app.WithWebHostBuilder(b => b.UseSetting("Kefu:ApiDocs:Public", "true"));
        using var anonymous = app.HttpsClient(open);

        foreach (var url in new[] { "/openapi/v1.json", "/swagger/index.html" })
        {
            using var served = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
    }

    [ProviderFact]
    public async Task DataProtectionKeys_WithACertificate_AreEncryptedAtRestAndReadOnlyWithIt()
    {
        // Signing in needs a key: the first one is made now if none exists yet.
        var token = await app.BearerTokenAsync("hz.sup");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<KefuDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.Contains(app.CertificateBase64, xml, StringComparison.Ordinal);
                // A key in clear carries its secret as <masterKey …><value>base64</value>.
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }

        // Another node with the certificate reads the key ring from the database: the token works there.
        await using (var node = app.WithWebHostBuilder(_ => { }))
        {
            using var client = app.HttpsClient(node);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await client.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // A node without it cannot read the keys, so the same token means nothing there.
        await using (var stranger = app.WithWebHostBuilder(b => b.UseSetting("Kefu:DataProtection:CertificatePath", "")))
        {
            using var client = app.HttpsClient(stranger);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await client.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
    }
}

public sealed class TransportSecurityTestsOnSqlite(SqliteProductionApp app) : TransportSecurityTests(app), IClassFixture<SqliteProductionApp>;

public sealed class TransportSecurityTestsOnPostgres(PostgresProductionApp app) : TransportSecurityTests(app), IClassFixture<PostgresProductionApp>;
