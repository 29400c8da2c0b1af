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

    /// <summary>The columns the token page sorts on; the newest token first when none is asked for.</summary>
    public SortMap<ApiToken> Sorts() => new SortMap<ApiToken>(q => q.OrderByDescending(t => t.Id), q => q.ThenByDescending(t => t.Id))
        .Add("name", t => t.Name).Add("user", t => db.Users.Where(u => u.Id == t.UserId).Select(u => u.UserName).FirstOrDefault())
        .Add("created", t => t.CreatedAt).Add("expires", t => t.ExpiresAt).Add("lastUsed", t => t.LastUsedAt).Add("revoked", t => t.RevokedAt);

    /// <summary>One page of tokens for the admin page: by name or user, optionally only those still usable.</summary>
    public async Task<Paged<ApiTokenDto>> PageAsync(string? q, bool activeOnly, ListSort? sort, int? page, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.ApiTokens.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(t => t.Name.Contains(text) || db.Users.Any(u => u.Id == t.UserId && u.UserName!.Contains(text)));
        }

        query = activeOnly ? query.Where(t => t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now)) : query;
        var total = await query.CountAsync(ct);
        var rows = await (from t in Sorts().Apply(query, sort).Skip((p - 1) * size).Take(size)
                          join u in db.Users on t.UserId equals u.Id
                          select new ApiTokenDto(t.Id, t.Name, u.UserName!, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
                         .ToListAsync(ct);
        return new Paged<ApiTokenDto>(rows, p, size, total);
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
