using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Performance.Pages;

/// <summary>"My performance" (phone first): this month's score, rank in the centre, rewards and fines with their evidence, 12-month trend.</summary>
[Authorize(Policy = PerformanceModule.ReadPolicy)]
public sealed class MyPerformanceModel(PerformanceUseCases uc, PerformanceCalculator calculator, KefuDbContext db, CurrentUser current) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public MyPerformanceDto View { get; private set; } = new("", null, true, [], []);

    public bool BadMonth { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var month = string.IsNullOrEmpty(Month) ? uc.ThisMonth() : CompanyTime.ParseMonth(Month);
        BadMonth = month is null;
        View = await PerformanceModule.MineAsync(month ?? uc.ThisMonth(), uc, calculator, db, current.UserId!, ct);
        Month = View.Month;
    }
}
