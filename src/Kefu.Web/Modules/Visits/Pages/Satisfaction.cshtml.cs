using System.Globalization;
using System.Text.Json;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Visits.Pages;

/// <summary>VIS-04: the month's satisfaction per technician, centre or branch, with charts and the Excel sheet for the monthly report.</summary>
[Authorize(Policy = VisitsModule.StatisticsPolicy)]
public sealed class SatisfactionModel(SatisfactionReport report, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public SatisfactionGrouping By { get; set; } = SatisfactionGrouping.Technician;

    public SatisfactionMonth Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ExportColumn<SatisfactionRow>[] columns =
        [
            new(l["SatisfactionGrouping." + By], r => r.Name), new(l["Satisfaction.Rated"], r => r.Rated), new(l["Satisfaction.Very"], r => r.VerySatisfied),
            new(l["Satisfaction.VeryShare"], r => r.VerySatisfiedShare), new(l["Satisfaction.SatisfiedOrBetter"], r => r.SatisfiedOrBetter),
            new(l["Satisfaction.SatisfiedShare"], r => r.SatisfiedOrBetterShare), new(l["Satisfaction.Complaints"], r => r.Complaints),
        ];
        return File(TableExport.ToXlsx($"{l["Satisfaction.Title"]} {Report.Month}", columns, [.. Report.Rows, Report.Total]), TableExport.XlsxContentType,
            $"satisfaction-{Report.Month}.xlsx");
    }

    public string Json(object value) => JsonSerializer.Serialize(value);

    public string GroupChart() => Json(new object[]
    {
        new { name = l["Satisfaction.VeryShare"].Value, type = "bar", values = Report.Rows.Select(r => r.VerySatisfiedShare) },
        new { name = l["Satisfaction.SatisfiedShare"].Value, type = "bar", values = Report.Rows.Select(r => r.SatisfiedOrBetterShare) },
    });

    public string TrendChart() => Json(new object[]
    {
        new { name = l["Satisfaction.VeryShare"].Value, type = "line", values = Report.Trend.Select(t => t.VerySatisfiedShare), axis = 0 },
        new { name = l["Satisfaction.SatisfiedShare"].Value, type = "line", values = Report.Trend.Select(t => t.SatisfiedOrBetterShare), axis = 0 },
        new { name = l["Satisfaction.Complaints"].Value, type = "bar", values = Report.Trend.Select(t => t.Complaints), axis = 1 },
    });

    private async Task LoadAsync(CancellationToken ct)
    {
        var month = CompanyTime.ParseMonth(Month) ?? CompanyTime.Today(clock);
        Month = CompanyTime.MonthText(month);
        if (!Enum.IsDefined(By))
        {
            By = SatisfactionGrouping.Technician;
        }

        Report = await report.MonthAsync(await current.GetViewerAsync(ct), month, By, ct);
    }

    public static string Percent(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
