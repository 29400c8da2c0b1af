using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Administration;

public sealed record AuditFilter(string? User = null, string? Action = null, string? EntityType = null, string? EntityId = null, DateOnly? From = null, DateOnly? To = null, int? Page = null, int? PageSize = null);

public sealed record AuditRow(long Id, DateTime At, string? UserName, string? ClientAddress, string Action, string EntityType, string? EntityId, string? Changes, string? CorrelationId);

/// <summary>Reads of the audit log (PLT-03); nothing writes through here.</summary>
public sealed class AuditQueries(KefuDbContext db)
{
    public async Task<Paged<AuditRow>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(filter.Page, filter.PageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size).Select(ToRow).ToListAsync(ct);
        return new Paged<AuditRow>(rows, page, size, total);
    }

    public async Task<IReadOnlyList<AuditRow>> ExportAsync(AuditFilter filter, CancellationToken ct) =>
        await Filtered(filter).OrderByDescending(a => a.Id).Take(Paging.MaxExportRows).Select(ToRow).ToListAsync(ct);

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
