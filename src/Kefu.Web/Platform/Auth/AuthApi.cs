using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Auth;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, long ExpiresIn);

public sealed record OrgUnitRef(int Id, string Code, string Name, string Kind, string Path);

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, OrgUnitRef? OrgUnit, string Scope, string? Culture);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", IssueToken)
           .AllowAnonymous()
           .WithTags("Auth").WithName("IssueToken")
           .WithSummary("Exchange a user name and password for a bearer token. Too many failed attempts (from the address or for the account) answer 429 with Retry-After.");

        api.MapGet("/me", Me).WithTags("Auth").WithName("Me").WithSummary("Who am I: roles, org unit and data scope.");
    }

    internal static async Task<Results<Ok<TokenResponse>, UnauthorizedHttpResult, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request,
        HttpContext http,
        SignInGuard guard,
        SignInManager<KefuUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new ProblemBuilder();
        errors.Required("userName", request.UserName).MaxLength("userName", request.UserName, 256);
        errors.Required("password", request.Password);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var attempt = await guard.CheckPasswordAsync(request.UserName!, request.Password!, http.Connection.RemoteIpAddress, "api", ct);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Limited:
                http.Response.Headers.RetryAfter = attempt.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: Kefu.Web.Platform.Localization.Text.Get("Login.TooManyFailures", attempt.RetryAfterMinutes));
            case SignInOutcome.Failed:
                // Never say whether the name or the password was wrong.
                return TypedResults.Unauthorized();
            case SignInOutcome.Succeeded:
                break;
        }

        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(attempt.User!);
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        var token = options.BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(new TokenResponse(token, (long)options.BearerTokenExpiration.TotalSeconds));
    }

    internal static async Task<Ok<MeResponse>> Me(CurrentUser current, KefuDbContext db, CancellationToken ct)
    {
        var user = await current.GetUserAsync(ct);
        var roles = await current.GetRolesAsync(ct);
        var viewer = await current.GetViewerAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == user.OrgUnitId)
            .Select(u => new OrgUnitRef(u.Id, u.Code, u.Name, u.Kind.ToString(), u.Path)).SingleOrDefaultAsync(ct);
        return TypedResults.Ok(new MeResponse(
            user.UserName!, user.DisplayName, roles.Select(KefuRoles.Name).ToArray(), unit,
            viewer.Scope.ToString().ToLowerInvariant(), user.PreferredCulture));
    }
}
