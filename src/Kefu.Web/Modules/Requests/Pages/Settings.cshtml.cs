using System.Globalization;
using Kefu.Core.Requests;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>Settings → Policies for memos and requests: each step's deadline in working days (APR-02..04).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The policy's fields, grouped by form, with the step each one times.</summary>
    public static readonly (RequestKind Kind, (string Field, string Step)[] Fields)[] Groups =
    [
        (RequestKind.Memo, [("memoReplyDays", RequestSteps.MemoReply), ("memoLeaderDays", RequestSteps.MemoLeader), ("memoArchiveDays", RequestSteps.MemoArchive)]),
        (RequestKind.Sample,
        [
            ("sampleApprovalDays", RequestSteps.SampleApproval), ("sampleSlipDays", RequestSteps.SampleSlip), ("sampleShippingDays", RequestSteps.SampleShipping),
            ("sampleFilingDays", RequestSteps.SampleFiling),
        ]),
        (RequestKind.SpecialPolicy,
        [
            ("policyApprovalDays", RequestSteps.PolicyApproval), ("policyCommerceFilingDays", RequestSteps.PolicyCommerceFiling),
            ("policyFinanceFilingDays", RequestSteps.PolicyFinanceFiling),
        ]),
    ];

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [TempData] public string? Message { get; set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var p = await store.GetAsync<RequestsPolicy>(RequestsPolicy.Key, ct);
        Values = Days(p).ToDictionary(x => x.Key, x => (string?)x.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
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

        var policy = new RequestsPolicy
        {
            MemoReplyDays = N("memoReplyDays"), MemoLeaderDays = N("memoLeaderDays"), MemoArchiveDays = N("memoArchiveDays"),
            SampleApprovalDays = N("sampleApprovalDays"), SampleSlipDays = N("sampleSlipDays"), SampleShippingDays = N("sampleShippingDays"),
            SampleFilingDays = N("sampleFilingDays"), PolicyApprovalDays = N("policyApprovalDays"), PolicyCommerceFilingDays = N("policyCommerceFilingDays"),
            PolicyFinanceFilingDays = N("policyFinanceFilingDays"),
        };
        foreach (var field in policy.FieldsOutOfRange())
        {
            Errors.TryAdd(field, l["Policy.OutOfRange", RequestsPolicy.MinDays, RequestsPolicy.MaxDays]);
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await store.SaveAsync(RequestsPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private static Dictionary<string, int> Days(RequestsPolicy p) => new(StringComparer.Ordinal)
    {
        ["memoReplyDays"] = p.MemoReplyDays, ["memoLeaderDays"] = p.MemoLeaderDays, ["memoArchiveDays"] = p.MemoArchiveDays,
        ["sampleApprovalDays"] = p.SampleApprovalDays, ["sampleSlipDays"] = p.SampleSlipDays, ["sampleShippingDays"] = p.SampleShippingDays,
        ["sampleFilingDays"] = p.SampleFilingDays, ["policyApprovalDays"] = p.PolicyApprovalDays, ["policyCommerceFilingDays"] = p.PolicyCommerceFilingDays,
        ["policyFinanceFilingDays"] = p.PolicyFinanceFilingDays,
    };
}
