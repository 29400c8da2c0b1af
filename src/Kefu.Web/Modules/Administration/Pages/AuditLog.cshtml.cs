using System.Globalization;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>PLT-03: the audit log, read-only, filtered on the server, exported as filtered.</summary>
[Authorize(Policy = Policies.ReadAudit)]
[RememberFilters]
public sealed class AuditLogModel(AuditQueries queries, ChangeText changes, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<AuditRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    private AuditFilter Filter => new(User, Action, EntityType, EntityId, From, To, PageNumber, 50, ListSort.From(Request));

    public string Local(DateTime utc) =>
        Kefu.Web.Platform.CompanyTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Each row's changes in words, in the order of <see cref="Result"/>.</summary>
    public IReadOnlyList<IReadOnlyList<ChangeLine>> Changes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await queries.ListAsync(Filter, ct);
        Changes = await changes.DescribeAsync(Result.Items.Select(a => (a.EntityType, a.Changes)).ToList(), ct);
    }

    public static string ActionText(string action) => Shown.Label("AuditAction." + action, action);

    public static string RecordText(string entityType) => Shown.Label("RecordType." + entityType, entityType);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = await queries.ExportAsync(Filter, ct);
        var described = await changes.DescribeAsync(rows.Select(a => (a.EntityType, a.Changes)).ToList(), ct);
        var text = rows.Select((r, i) => (r.Id, string.Join("；", described[i]))).ToDictionary(x => x.Id, x => x.Item2);
        ExportColumn<AuditRow>[] columns =
        [
            new(l["Audit.At"], a => Local(a.At)),
            new(l["Audit.User"], a => a.UserName),
            new(l["Audit.Address"], a => a.ClientAddress),
            new(l["Audit.Action"], a => ActionText(a.Action)),
            new(l["Audit.EntityType"], a => RecordText(a.EntityType)),
            new(l["Audit.EntityId"], a => a.EntityId),
            new(l["Audit.Changes"], a => text[a.Id]),
            new(l["Audit.Correlation"], a => a.CorrelationId),
        ];
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv", "audit.csv")
            : File(TableExport.ToXlsx(l["Audit.Title"], columns, rows), TableExport.XlsxContentType, "audit.xlsx");
    }
}
