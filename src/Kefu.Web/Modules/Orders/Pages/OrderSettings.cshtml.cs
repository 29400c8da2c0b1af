using System.Globalization;
using Kefu.Core.Orders;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Orders.Pages;

/// <summary>
/// Settings → Policies for orders (ORD-01..07): the switches and numbers of the intake, tracking and
/// closing rules. The checkpoint lists and the distributor flow keep their JSON form on the API
/// (PUT /api/settings/order-policy); everything else is edited here and saved with them unchanged.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class OrderSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] Switches = ["emailConfirmationRequired", "signedPodOnEveryOrder", "dangerousGoodsNoticeOnEveryOrder"];

    public static readonly string[] Numbers =
        ["breakInDays", "classAUnderHours", "classBWithinHours", "valuableGoodsOver", "onTimeToleranceMinutes", "lateArrivalGraceMinutes", "checkpointWarningPercent", "cityJobEtaWithinHours"];

    /// <summary>The policy's field names in problems, as this page names them.</summary>
    private static readonly Dictionary<string, string> ProblemFields = new(StringComparer.Ordinal)
    {
        ["onTimeTolerance"] = "onTimeToleranceMinutes", ["lateArrivalGrace"] = "lateArrivalGraceMinutes",
    };

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [BindProperty] public List<string> On { get; set; } = [];
    [BindProperty] public List<string> Escalation { get; set; } = [];
    [TempData] public string? Message { get; set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var p = await store.GetAsync<OrderPolicy>(OrderPolicy.Key, ct);
        static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string M(TimeSpan t) => ((long)t.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        Values = new(StringComparer.Ordinal)
        {
            ["breakInDays"] = I(p.BreakInDays), ["classAUnderHours"] = I(p.ClassAUnderHours), ["classBWithinHours"] = I(p.ClassBWithinHours),
            ["valuableGoodsOver"] = p.ValuableGoodsOver.Yuan.ToString("0.##", CultureInfo.InvariantCulture),
            ["onTimeToleranceMinutes"] = M(p.OnTimeTolerance), ["lateArrivalGraceMinutes"] = M(p.LateArrivalGrace),
            ["checkpointWarningPercent"] = I(p.CheckpointWarningPercent), ["cityJobEtaWithinHours"] = I(p.CityJobEtaWithinHours),
        };
        On = [.. new[] { (Switches[0], p.EmailConfirmationRequired), (Switches[1], p.SignedPodOnEveryOrder), (Switches[2], p.DangerousGoodsNoticeOnEveryOrder) }
            .Where(x => x.Item2).Select(x => x.Item1)];
        Escalation = [.. p.CheckpointEscalation];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        int N(string field)
        {
            if (int.TryParse(Values.GetValueOrDefault(field)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            Errors[field] = l["FieldAdmin.NotAWholeNumber"];
            return 0;
        }

        decimal D(string field)
        {
            if (decimal.TryParse(Values.GetValueOrDefault(field)?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 1_000_000_000m && decimal.Round(d, 2) == d)
            {
                return d;
            }

            Errors[field] = l["OrderAdmin.NotADecimal"];
            return 0;
        }

        var current = await store.GetAsync<OrderPolicy>(OrderPolicy.Key, ct);
        var policy = current with
        {
            EmailConfirmationRequired = On.Contains(Switches[0]), SignedPodOnEveryOrder = On.Contains(Switches[1]), DangerousGoodsNoticeOnEveryOrder = On.Contains(Switches[2]),
            BreakInDays = N("breakInDays"), ClassAUnderHours = N("classAUnderHours"), ClassBWithinHours = N("classBWithinHours"),
            ValuableGoodsOver = Money.FromYuan(D("valuableGoodsOver")), OnTimeTolerance = TimeSpan.FromMinutes(N("onTimeToleranceMinutes")),
            LateArrivalGrace = TimeSpan.FromMinutes(N("lateArrivalGraceMinutes")), CheckpointWarningPercent = N("checkpointWarningPercent"),
            CityJobEtaWithinHours = N("cityJobEtaWithinHours"), CheckpointEscalation = [.. Escalation.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct()],
        };
        foreach (var (field, messages) in DistributorFlowUseCases.Validate(policy).Errors)
        {
            Errors.TryAdd(ProblemFields.GetValueOrDefault(field, field), messages[0]);
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            return Page();
        }

        await store.SaveAsync(OrderPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }
}
