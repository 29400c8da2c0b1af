using System.Globalization;
using Kefu.Core.Incidents;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>
/// Settings → Policies for incidents: every number of EXC-02..09 (the record <see cref="IncidentPolicy"/>):
/// report and reply times, the damage thresholds (on-the-spot limit, large amount), the fines of the
/// reporting findings, the cost split, and the cross-region deadlines. A value the rules cannot run on
/// comes back next to its field with the allowed range, and nothing is saved.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IncidentSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Whole numbers: minutes, days, percent.</summary>
    public static readonly string[] Whole = ["emailReportMinutes", "replyTargetMinutes", "replyPromiseMinutes", "correctivePlanStepDays", "crossRegionWarningPercent"];

    /// <summary>Amounts in yuan.</summary>
    public static readonly string[] Yuan =
    [
        "agentCompensationAuthority", "largeDamageOver", "lateReportFineAgent", "lateReportFineSupervisor", "concealmentFineAgent", "concealmentFineSupervisor",
        "falseReportFineAgent", "falseReportFineSupervisor",
    ];

    /// <summary>Decimal numbers: cost weights and working days.</summary>
    public static readonly string[] Decimals =
    [
        "agentCostWeight", "supervisorCostWeight", "crossRegionEvidenceDays", "crossRegionReportDays", "crossRegionToMarketingDirectorDays", "crossRegionFinanceDays",
        "crossRegionAnnouncementDays",
    ];

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [TempData] public string? Message { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct) => Fill(await store.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var policy = Read(await store.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct));
        if (Errors.Count == 0)
        {
            foreach (var (field, min, max) in policy.Validate())
            {
                Errors.TryAdd(field, l["Policy.OutOfRange", min, max]);
            }
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            return Page();
        }

        await store.SaveAsync(IncidentPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private void Fill(IncidentPolicy p)
    {
        static string S(decimal v) => v.ToString(CultureInfo.InvariantCulture);
        static string M(Money m) => m.Yuan.ToString("0.##", CultureInfo.InvariantCulture);
        Values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["emailReportMinutes"] = S(p.EmailReportMinutes), ["replyTargetMinutes"] = S(p.ReplyTargetMinutes), ["replyPromiseMinutes"] = S(p.ReplyPromiseMinutes),
            ["correctivePlanStepDays"] = S(p.CorrectivePlanStepDays), ["crossRegionWarningPercent"] = S(p.CrossRegionWarningPercent),
            ["agentCompensationAuthority"] = M(p.AgentCompensationAuthority), ["largeDamageOver"] = M(p.LargeDamageOver),
            ["lateReportFineAgent"] = M(p.LateReportFineAgent), ["lateReportFineSupervisor"] = M(p.LateReportFineSupervisor),
            ["concealmentFineAgent"] = M(p.ConcealmentFineAgent), ["concealmentFineSupervisor"] = M(p.ConcealmentFineSupervisor),
            ["falseReportFineAgent"] = M(p.FalseReportFineAgent), ["falseReportFineSupervisor"] = M(p.FalseReportFineSupervisor),
            ["agentCostWeight"] = S(p.AgentCostWeight), ["supervisorCostWeight"] = S(p.SupervisorCostWeight),
            ["crossRegionEvidenceDays"] = S(p.CrossRegionEvidenceDays), ["crossRegionReportDays"] = S(p.CrossRegionReportDays),
            ["crossRegionToMarketingDirectorDays"] = S(p.CrossRegionToMarketingDirectorDays), ["crossRegionFinanceDays"] = S(p.CrossRegionFinanceDays),
            ["crossRegionAnnouncementDays"] = S(p.CrossRegionAnnouncementDays),
        };
    }

    /// <summary>The policy the form describes; a field that is no number gets its message in <see cref="Errors"/>.</summary>
    private IncidentPolicy Read(IncidentPolicy current)
    {
        var whole = Whole.ToDictionary(f => f, WholeNumber, StringComparer.Ordinal);
        var money = Yuan.ToDictionary(f => f, Amount, StringComparer.Ordinal);
        var dec = Decimals.ToDictionary(f => f, Number, StringComparer.Ordinal);
        return current with
        {
            EmailReportMinutes = whole["emailReportMinutes"], ReplyTargetMinutes = whole["replyTargetMinutes"], ReplyPromiseMinutes = whole["replyPromiseMinutes"],
            CorrectivePlanStepDays = whole["correctivePlanStepDays"], CrossRegionWarningPercent = whole["crossRegionWarningPercent"],
            AgentCompensationAuthority = money["agentCompensationAuthority"], LargeDamageOver = money["largeDamageOver"],
            LateReportFineAgent = money["lateReportFineAgent"], LateReportFineSupervisor = money["lateReportFineSupervisor"],
            ConcealmentFineAgent = money["concealmentFineAgent"], ConcealmentFineSupervisor = money["concealmentFineSupervisor"],
            FalseReportFineAgent = money["falseReportFineAgent"], FalseReportFineSupervisor = money["falseReportFineSupervisor"],
            AgentCostWeight = dec["agentCostWeight"], SupervisorCostWeight = dec["supervisorCostWeight"],
            CrossRegionEvidenceDays = dec["crossRegionEvidenceDays"], CrossRegionReportDays = dec["crossRegionReportDays"],
            CrossRegionToMarketingDirectorDays = dec["crossRegionToMarketingDirectorDays"], CrossRegionFinanceDays = dec["crossRegionFinanceDays"],
            CrossRegionAnnouncementDays = dec["crossRegionAnnouncementDays"],
        };
    }

    private string? Text(string field)
    {
        var text = Values.GetValueOrDefault(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Errors[field] = l["Validation.RequiredHere"];
            return null;
        }

        return text;
    }

    private int WholeNumber(string field)
    {
        if (Text(field) is not { } text)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Errors[field] = l["FieldAdmin.NotAWholeNumber"];
        return 0;
    }

    private decimal Number(string field)
    {
        if (Text(field) is not { } text)
        {
            return 0;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= 1_000_000_000m)
        {
            return d;
        }

        Errors[field] = l["FieldAdmin.NotANumber"];
        return 0;
    }

    private Money Amount(string field)
    {
        var yuan = Number(field);
        if (Errors.ContainsKey(field))
        {
            return Money.Zero;
        }

        if (decimal.Round(yuan, 2) != yuan)
        {
            Errors[field] = l["IncidentAdmin.Cents"];
            return Money.Zero;
        }

        return Money.FromYuan(yuan);
    }
}
