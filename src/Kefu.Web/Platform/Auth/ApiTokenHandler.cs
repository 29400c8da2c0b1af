using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Auth;

/// <summary>
/// Long-lived integration tokens (PLT-04): "kefu_" followed by random bytes. The database keeps
/// only the SHA-256 hash; the token acts as its user, with that user's roles and scope.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KefuDbContext db,
    IUserClaimsPrincipalFactory<KefuUser> principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenPrefix = "kefu_";

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Hash(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash);
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } exp && exp <= now))
        {
            return AuthenticateResult.Fail("Invalid API token.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId);
        if (user is null || user.Status == Kefu.Core.Organization.StaffStatus.Left)
        {
            return AuthenticateResult.Fail("Invalid API token.");
        }

        // Record use at most once a minute so a busy integration does not write on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        }

        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
