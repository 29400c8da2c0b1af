using System.Globalization;
using Kefu.Core.Field;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>
/// Settings → Policies for field service and charges: every number of FLD-02..08 and CHG-02 (the
/// record <see cref="FieldPolicy"/>, the same the settings API saves), as a form grouped by topic.
/// The form posts the values as text under the API's field names, so a value the rules cannot run
/// on comes back next to its field with the allowed range, and nothing is saved.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class FieldSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The form's values by the API's field name (<c>mobileSetOutMinutes</c>, <c>stageWorkingHours.Diagnosis</c> …).</summary>
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    [BindProperty] public SoftwareChargePolicy? SoftwarePolicy { get; set; }
    [TempData] public string? Message { get; set; }

    /// <summary>What is wrong with a field, by the same names, in the reader's words.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The fields that take a decimal number; every other field is a whole number.</summary>
    private static readonly HashSet<string> Decimals = ["rankPerKilometre", "rankPerOpenJob", "rankMissingSkill", "unknownDistanceKm"];

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct) => Fill(await store.GetAsync<FieldPolicy>(FieldPolicy.Key, ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await store.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        var policy = Read(current);
        // A field that is no number keeps that message; every other field is checked against its range.
        foreach (var (field, min, max) in policy.Validate())
        {
            Errors.TryAdd(field, l["Policy.OutOfRange", min, max]);
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            SoftwarePolicy ??= current.SoftwarePolicy;
            return Page();
        }

        await store.SaveAsync(FieldPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private void Fill(FieldPolicy p)
    {
        string S(double v) => v.ToString(CultureInfo.InvariantCulture);
        Values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["mobileSetOutMinutes"] = S(p.MobileSetOutMinutes), ["residentRespondMinutes"] = S(p.ResidentRespondMinutes), ["residentOnSiteMinutes"] = S(p.ResidentOnSiteMinutes),
            ["teamMinPersonDays"] = S(p.TeamMinPersonDays), ["teamMinTechnicians"] = S(p.TeamMinTechnicians), ["teamMinWorkingDays"] = S(p.TeamMinWorkingDays),
            ["teamDailyReportWorkingDays"] = S(p.TeamDailyReportWorkingDays),
            ["freeSoftwareVisits"] = S(p.FreeSoftwareVisits), ["freeSoftwareWorkingDays"] = S(p.FreeSoftwareWorkingDays),
            ["rankPerKilometre"] = S(p.RankPerKilometre), ["rankPerOpenJob"] = S(p.RankPerOpenJob), ["rankMissingSkill"] = S(p.RankMissingSkill),
            ["positionFreshMinutes"] = S(p.PositionFreshMinutes), ["unknownDistanceKm"] = S(p.UnknownDistanceKm),
        };
        foreach (var stage in Enum.GetValues<RepairStage>())
        {
            Values[$"stageWorkingHours.{stage}"] = p.StageWorkingHours.TryGetValue(stage, out var h) ? S(h) : "";
        }

        foreach (var kind in Enum.GetValues<JobKind>())
        {
            Values[$"pointsByType.{kind}"] = p.PointsByType.TryGetValue(kind, out var n) ? S(n) : "";
        }

        foreach (var mode in Enum.GetValues<ServiceMode>())
        {
            Values[$"pointsBonusByMode.{mode}"] = p.PointsBonusByMode.TryGetValue(mode, out var n) ? S(n) : "";
        }

        SoftwarePolicy = p.SoftwarePolicy;
    }

    /// <summary>The policy the form describes; a field that is no number gets its message in <see cref="Errors"/>.</summary>
    private FieldPolicy Read(FieldPolicy current)
    {
        int I(string field) => (int)Number(field);
        var stages = Enum.GetValues<RepairStage>().ToDictionary(s => s, s => I($"stageWorkingHours.{s}"));
        var points = Enum.GetValues<JobKind>().ToDictionary(k => k, k => I($"pointsByType.{k}"));
        var bonus = Enum.GetValues<ServiceMode>().ToDictionary(m => m, m => I($"pointsBonusByMode.{m}"));
        if (SoftwarePolicy is not { } software || !Enum.IsDefined(software))
        {
            Errors["softwarePolicy"] = l["FieldAdmin.ChooseOne"];
            software = current.SoftwarePolicy;
        }

        return current with
        {
            MobileSetOutMinutes = I("mobileSetOutMinutes"), ResidentRespondMinutes = I("residentRespondMinutes"), ResidentOnSiteMinutes = I("residentOnSiteMinutes"),
            TeamMinPersonDays = I("teamMinPersonDays"), TeamMinTechnicians = I("teamMinTechnicians"), TeamMinWorkingDays = I("teamMinWorkingDays"),
            TeamDailyReportWorkingDays = I("teamDailyReportWorkingDays"),
            StageWorkingHours = stages, SoftwarePolicy = software, FreeSoftwareVisits = I("freeSoftwareVisits"), FreeSoftwareWorkingDays = I("freeSoftwareWorkingDays"),
            RankPerKilometre = Number("rankPerKilometre"), RankPerOpenJob = Number("rankPerOpenJob"), RankMissingSkill = Number("rankMissingSkill"),
            PositionFreshMinutes = I("positionFreshMinutes"), UnknownDistanceKm = Number("unknownDistanceKm"), PointsByType = points, PointsBonusByMode = bonus,
        };
    }

    private double Number(string field)
    {
        var text = Values.GetValueOrDefault(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Errors[field] = l["Validation.RequiredHere"];
            return 0;
        }

        if (Decimals.Contains(field))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                return d;
            }

            Errors[field] = l["FieldAdmin.NotANumber"];
            return 0;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Errors[field] = l["FieldAdmin.NotAWholeNumber"];
        return 0;
    }
}
