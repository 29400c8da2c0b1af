using Kefu.Core.Requests;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>The memos, sample requests or special-policy requests a person may see: filters, sort, paging, export (APR-02..04, RPT-03).</summary>
[RememberFilters]
public sealed class ListModel(RequestQueries queries, RequestUseCases requests, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Segment { get; set; }
    [BindProperty(SupportsGet = true)] public RequestStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public RequestKind Kind { get; private set; }
    public Paged<RequestRowDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanWrite => RequestsModule.CanWrite(User, Kind);
    public bool Filtered => Status is not null || !string.IsNullOrWhiteSpace(Q) || From is not null || To is not null || Mine;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Check() is { } refusal)
        {
            return refusal;
        }

        Result = await queries.ListAsync(Kind, await requests.ViewerAsync(current, ct), FilterOf(), ListSort.From(Request), PageNumber, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (Check() is { } refusal)
        {
            return refusal;
        }

        var rows = await queries.ExportAsync(Kind, await requests.ViewerAsync(current, ct), FilterOf(), ListSort.From(Request), ct);
        var columns = new List<ExportColumn<RequestRowDto>>
        {
            new(l["Requests.Number"], r => r.Number),
            new(l[Kind == RequestKind.Memo ? "Requests.Subject" : "Requests.Customer"], r => r.Title),
            new(l[Kind == RequestKind.Memo ? "Requests.FromUnit" : "Requests.Dept"], r => r.OrgUnit),
        };
        if (Kind == RequestKind.Memo)
        {
            columns.Add(new(l["Requests.ToUnit"], r => r.ToUnit));
        }

        columns.AddRange(
        [
            new(l["Requests.Writer"], r => r.Owner), new(l["Requests.Status"], r => l["RequestStatus." + r.Status].Value),
            new(l["Requests.Step"], r => r.CurrentStep is null ? "" : l["Step." + r.CurrentStep].Value),
            new(l["Requests.Created"], r => Cell(r.CreatedAt)), new(l["Requests.Submitted"], r => Cell(r.SubmittedAt)), new(l["Requests.Completed"], r => Cell(r.CompletedAt)),
        ]);
        var name = "requests-" + RequestsModule.Segment(Kind);
        return format == "csv"
            ? File(TableExport.ToCsv(columns, rows), "text/csv; charset=utf-8", name + ".csv")
            : File(TableExport.ToXlsx(l["RequestKind." + Kind], columns, rows), TableExport.XlsxContentType, name + ".xlsx");
    }

    /// <summary>An API time ("2026-09-28T09:00:00+08:00") as the company's clock shows it.</summary>
    public static string Cell(string? time) => time is null ? "" : time[..16].Replace('T', ' ');

    private RequestFilter FilterOf() => new(Status is { } s && Enum.IsDefined(s) ? s : null, Q, From, To, Mine);

    private IActionResult? Check()
    {
        if (RequestsModule.KindOf(Segment) is not { } kind)
        {
            return NotFound();
        }

        Kind = kind;
        return RequestsModule.CanRead(User, kind) ? null : Forbid();
    }
}
