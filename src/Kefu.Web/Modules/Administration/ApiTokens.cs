using System.ComponentModel.DataAnnotations;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Administration;

/// <summary>
/// A new integration token. Without <c>validDays</c> it lasts the configured default; a token that
/// never expires is an explicit choice (<c>neverExpires: true</c>) and is written to the audit log.
/// </summary>
public sealed record ApiTokenInput(string? Name, string? UserName, int? ValidDays, bool? NeverExpires = null);

/// <summary>Settings of integration tokens (section <c>Kefu:ApiTokens</c>).</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Kefu:ApiTokens";
    public const int MaxValidDays = 3650;

    /// <summary>Lifetime of a token created without <c>validDays</c>.</summary>
    [Range(1, MaxValidDays)]
    public int DefaultValidDays { get; set; } = 90;
}

public sealed record ApiTokenDto(int Id, string Name, string UserName, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The token in clear, shown once at creation and never again.</summary>
public sealed record ApiTokenCreated(ApiTokenDto Token, string Secret);

/// <summary>PLT-04: long-lived API tokens for integrations, managed by an administrator.</summary>
public sealed class ApiTokens(KefuDbContext db, TimeProvider clock, IOptions<ApiTokenOptions> options)
{
    public async Task<IReadOnlyList<ApiTokenDto>> ListAsync(CancellationToken ct)
    {
        var rows = await (from t in db.ApiTokens.AsNoTracking()
                          join u in db.Users on t.UserId equals u.Id
                          orderby t.Id descending
                          select new ApiTokenDto(t.Id, t.Name, u.UserName!, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
                         .ToListAsync(ct);
        return rows;
    }

    public async Task<(ApiTokenCreated? Created, ProblemBuilder Problems)> CreateAsync(ApiTokenInput input, string? createdBy, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("name", input.Name).MaxLength("name", input.Name, 100);
        problems.Required("userName", input.UserName);
        if (input.ValidDays is { } days && (days < 1 || days > ApiTokenOptions.MaxValidDays))
        {
            problems.Add("validDays", "Tokens.ValidDaysRange");
        }
        else if (input.ValidDays is not null && input.NeverExpires == true)
        {
            problems.Add("validDays", "Tokens.ValidDaysOrNever");
        }

        var user = string.IsNullOrWhiteSpace(input.UserName) ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == input.UserName.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(input.UserName) && user is null)
        {
            problems.Add("userName", "Tokens.UnknownUser");
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var secret = ApiTokenHandler.NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var neverExpires = input.NeverExpires == true;
        var token = new ApiToken
        {
            Name = input.Name!.Trim(),
            UserId = user!.Id,
            TokenHash = ApiTokenHandler.Hash(secret),
            Prefix = secret[..12],
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = neverExpires ? null : now.AddDays(input.ValidDays ?? options.Value.DefaultValidDays),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        if (neverExpires)
        {
            // A credential that never lapses is a decision someone answers for: its own audit line.
            db.AddAuditEvent("TokenNeverExpires", nameof(ApiToken), token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Json.JsonSerializer.Serialize(new { token.Name, userName = user.UserName }));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return (new ApiTokenCreated(new ApiTokenDto(token.Id, token.Name, user.UserName!, token.Prefix, token.CreatedAt, token.ExpiresAt, null, null), secret), problems);
    }

    public async Task<bool> RevokeAsync(int id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
