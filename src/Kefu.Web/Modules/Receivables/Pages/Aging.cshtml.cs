using Kefu.Core.Receivables;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-08: the aging report as of any date, by customer, technician or centre, with its chart and the Excel export.</summary>
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class AgingModel(ReceivablesUseCases receivables, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? By { get; set; }

    public AgingGroup Group { get; private set; }
    public ReceivablesUseCases.AgingView View { get; private set; } = null!;

    /// <summary>A bucket's heading in words ("0–30 天", "90 天以上").</summary>
    public string BucketLabel(AgingBucket bucket) =>
        bucket.To is { } to ? l["Receivables.Bucket", bucket.From, to] : l["Receivables.BucketOver", bucket.From - 1];

    public async Task OnGetAsync(CancellationToken ct) => View = await BuildAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var view = await BuildAsync(ct);
        var columns = new List<ExportColumn<AgingRow>> { new(l["Receivables.By." + Group], r => r.GroupKey) };
        for (var i = 0; i < view.Buckets.Count; i++)
        {
            var index = i;
            columns.Add(new(BucketLabel(view.Buckets[i]), r => r.Buckets[index].Yuan));
        }

        columns.Add(new(l["Receivables.Total"], r => r.Total.Yuan));
        columns.Add(new(l["Receivables.Items"], r => r.Items));
        return File(TableExport.ToXlsx(l["Nav.Aging"], columns, view.Rows), TableExport.XlsxContentType, $"aging-{view.AsOf:yyyy-MM-dd}.xlsx");
    }

    private async Task<ReceivablesUseCases.AgingView> BuildAsync(CancellationToken ct)
    {
        Group = Enum.TryParse<AgingGroup>(By, out var g) && Enum.IsDefined(g) ? g : AgingGroup.Customer;
        var asOf = AsOf is { } d && Kefu.Core.Calendar.InputRange.Contains(d) ? d : receivables.Today();
        AsOf = asOf;
        return await receivables.AgingAsync(await current.GetViewerAsync(ct), asOf, Group, ct);
    }
}
