using Kefu.Core.Approvals;
using Kefu.Core.Expenses;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>Settings → Policies and Approval chains for expenses: every number of EXP-03..09 and the EXP-05 chain as data.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ExpenseSettingsModel(PolicyStore store, ClaimUseCases claims, ApprovalChains chains, IStringLocalizer<SharedResource> l) : PageModel
{
    private const string ChainKey = "expense-claim";

    [BindProperty] public ExpensePolicy Policy { get; set; } = new();
    [BindProperty] public string? BatchDays { get; set; }
    [BindProperty] public string? ChainName { get; set; }
    [BindProperty] public List<ChainStepDoc> Steps { get; set; } = [];
    [BindProperty] public List<int> Remove { get; set; } = [];
    [TempData] public string? Message { get; set; }

    public ChainDoc Chain { get; private set; } = null!;

    public string Symbol(ConditionOperator o) => o switch
    {
        ConditionOperator.GreaterThan => ">",
        ConditionOperator.GreaterThanOrEqual => "≥",
        ConditionOperator.LessThan => "<",
        ConditionOperator.Equal => "=",
    };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(fromStore: true, ct);

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct)
    {
        var days = (BatchDays ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, out var n) ? n : -1).ToArray();
        var policy = Policy with { BatchDays = days, CentreCaps = (await store.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct)).CentreCaps };
        if (!ModelState.IsValid || days.Length == 0 || days.Any(d => d is < 1 or > 31) || policy.MaxAgeMonths is < 1 or > 24 || policy.VpThresholdYuan <= 0
            || policy.AuditorDays is < 1 or > 60 || policy.ManagerDays is < 1 or > 60 || policy.FinancePayDays is < 1 or > 60
            || policy.FinanceClosedFromDay is < 1 or > 31 || policy.FinanceOpensOnDay is < 1 or > 28
            || policy.PhoneCapYuan < 0 || policy.CityTransportCapYuan < 0 || policy.FalseClaimFineYuan < 0 || policy.ReceiptFineYuan < 0 || policy.AuditorLateFinePerDayYuan < 0
            || policy.LateBatchGraceDays is < 0 or > 31)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            await LoadAsync(fromStore: false, ct);
            return Page();
        }

        await store.SaveAsync(ExpensePolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChainAsync(string? reset, CancellationToken ct)
    {
        if (reset is not null)
        {
            await chains.ResetAsync(ChainKey, User.Identity?.Name, ct);
            Message = l["Common.Saved"];
            return RedirectToPage();
        }

        var kept = Steps.Where((_, i) => !Remove.Contains(i)).Where(s => !string.IsNullOrWhiteSpace(s.Key) || !string.IsNullOrWhiteSpace(s.Role)).ToList();
        var problems = await chains.SaveAsync(ChainKey, ChainName, kept, User.Identity?.Name, ct);
        if (problems.HasErrors)
        {
            foreach (var message in problems.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))
            {
                ModelState.AddModelError(string.Empty, message);
            }

            await LoadAsync(fromStore: true, ct);
            Steps = kept.Append(new ChainStepDoc(null, null, ApproverLevel.Company, null, null, null, null, null)).ToList();
            return Page();
        }

        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private async Task LoadAsync(bool fromStore, CancellationToken ct)
    {
        var policy = await store.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        if (fromStore)
        {
            Policy = policy;
        }

        Chain = await chains.DocumentAsync(ClaimUseCases.DefaultChain(await claims.PolicyAsync(ct)), ct);
        ChainName = Chain.Name;
        // One blank row for a new step.
        Steps = Chain.Steps.Append(new ChainStepDoc(null, null, ApproverLevel.Company, null, null, null, null, null)).ToList();
    }
}
