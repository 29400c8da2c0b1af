using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Administration;

public sealed record AuditFilter(string? User = null, string? Action = null, string? EntityType = null, string? EntityId = null, DateOnly? From = null, DateOnly? To = null, int? Page = null, int? PageSize = null, ListSort? Sort = null);

public sealed record AuditRow(long Id, DateTime At, string? UserName, string? ClientAddress, string Action, string EntityType, string? EntityId, string? Changes, string? CorrelationId);

/// <summary>Reads of the audit log (PLT-03); nothing writes through here.</summary>
public sealed class AuditQueries(KefuDbContext db)
{
    /// <summary>The columns the audit log sorts on (page and API); newest first by default.</summary>
    public static readonly SortMap<AuditEntry> Sorts = new SortMap<AuditEntry>(q => q.OrderByDescending(a => a.Id), q => q.ThenByDescending(a => a.Id))
        .Add("at", a => a.At).Add("user", a => a.UserName).Add("address", a => a.ClientAddress).Add("action", a => a.Action)
        .Add("entityType", a => a.EntityType).Add("entityId", a => a.EntityId);

    public async Task<Paged<AuditRow>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(filter.Page, filter.PageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = await Sorts.Apply(query, filter.Sort).Skip((page - 1) * size).Take(size).Select(ToRow).ToListAsync(ct);
        return new Paged<AuditRow>(rows, page, size, total);
    }

    public async Task<IReadOnlyList<AuditRow>> ExportAsync(AuditFilter filter, CancellationToken ct) =>
        await Sorts.Apply(Filtered(filter), filter.Sort).Take(Paging.MaxExportRows).Select(ToRow).ToListAsync(ct);

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRow>> ToRow =
        a => new AuditRow(a.Id, a.At, a.UserName, a.ClientAddress, a.Action, a.EntityType, a.EntityId, a.Changes, a.CorrelationId);

    private IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            query = query.Where(a => a.UserName == filter.User.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        // Dates are the company's calendar days (Asia/Shanghai, UTC+8, no DST).
        if (filter.From is { Year: >= 2000 and <= 2100 } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            query = query.Where(a => a.At >= fromUtc);
        }

        if (filter.To is { Year: >= 2000 and <= 2100 } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            query = query.Where(a => a.At < toUtc);
        }

        return query;
    }
}
