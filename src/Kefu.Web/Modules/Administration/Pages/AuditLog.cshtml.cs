using System.Globalization;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>PLT-03: the audit log, read-only, filtered on the server, exported as filtered.</summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class AuditLogModel(AuditQueries queries, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<AuditRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    private AuditFilter Filter => new(User, Action, EntityType, EntityId, From, To, PageNumber, 50);

    public string Local(DateTime utc) =>
        Kefu.Web.Platform.CompanyTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => Result = await queries.ListAsync(Filter, ct);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = await queries.ExportAsync(Filter, ct);
        ExportColumn<AuditRow>[] columns =
        [
            new(l["Audit.At"], a => Local(a.At)),
            new(l["Audit.User"], a => a.UserName),
            new(l["Audit.Address"], a => a.ClientAddress),
            new(l["Audit.Action"], a => a.Action),
            new(l["Audit.EntityType"], a => a.EntityType),
            new(l["Audit.EntityId"], a => a.EntityId),
            new(l["Audit.Changes"], a => a.Changes),
            new(l["Audit.Correlation"], a => a.CorrelationId),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv", "audit.csv")
            : File(TableExport.ToXlsx(l["Audit.Title"], columns, rows), TableExport.XlsxContentType, "audit.xlsx");
    }
}
