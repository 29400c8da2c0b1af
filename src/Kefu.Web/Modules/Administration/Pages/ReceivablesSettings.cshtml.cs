using System.Globalization;
using Kefu.Core.Receivables;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>
/// Settings → Policies for receivables: every number of AR-02..08 (the record
/// <see cref="ReceivablesPolicy"/>, the same the settings API saves), as a form grouped by topic.
/// Values post as text under the API's field names, so a value the rules cannot run on comes back
/// next to its field with the allowed range, and nothing is saved.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ReceivablesSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly string[] Whole =
    [
        "retailDueWorkingDays", "defaultPaymentCycleDays", "dueWarningPercent", "roundOpensAtHour", "reviewOpensAtHour",
        "arrearsReminderDays", "arrearsLawyerLetterDays", "arrearsLawsuitDays", "arrearsCheckHour",
    ];

    private static readonly string[] Yuan = ["omissionFineYuan", "arrearsLawyerLetterMinYuan", "arrearsLawsuitMinYuan"];

    /// <summary>The form's values by the API's field name.</summary>
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    [BindProperty] public AgingBasis? Basis { get; set; }
    [BindProperty] public RoundMove? Move { get; set; }
    [BindProperty] public DayOfWeek? Weekday { get; set; }
    [TempData] public string? Message { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct) => Fill(await store.GetAsync<ReceivablesPolicy>(ReceivablesPolicy.Key, ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await store.GetAsync<ReceivablesPolicy>(ReceivablesPolicy.Key, ct);
        var policy = Read(current);
        foreach (var (field, min, max) in policy.Validate())
        {
            Errors.TryAdd(field, l["Policy.OutOfRange", min, max]);
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            return Page();
        }

        await store.SaveAsync(ReceivablesPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private void Fill(ReceivablesPolicy p)
    {
        string S(decimal v) => v.ToString(CultureInfo.InvariantCulture);
        Values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["retailDueWorkingDays"] = S(p.RetailDueWorkingDays), ["defaultPaymentCycleDays"] = S(p.DefaultPaymentCycleDays), ["dueWarningPercent"] = S(p.DueWarningPercent),
            ["agingBucketEdges"] = string.Join(", ", p.AgingBucketEdges), ["omissionFineYuan"] = S(p.OmissionFineYuan),
            ["roundOpensAtHour"] = S(p.RoundOpensAtHour), ["reviewOpensAtHour"] = S(p.ReviewOpensAtHour),
            ["arrearsReminderDays"] = S(p.ArrearsReminderDays), ["arrearsLawyerLetterDays"] = S(p.ArrearsLawyerLetterDays), ["arrearsLawsuitDays"] = S(p.ArrearsLawsuitDays),
            ["arrearsLawyerLetterMinYuan"] = S(p.ArrearsLawyerLetterMinYuan), ["arrearsLawsuitMinYuan"] = S(p.ArrearsLawsuitMinYuan), ["arrearsCheckHour"] = S(p.ArrearsCheckHour),
        };
        Basis = p.AgingBasis;
        Move = p.RoundMoveDirection;
        Weekday = p.RoundWeekday;
    }

    /// <summary>The policy the form describes; a field that is no number gets its message in <see cref="Errors"/>.</summary>
    private ReceivablesPolicy Read(ReceivablesPolicy current)
    {
        var whole = Whole.ToDictionary(f => f, f => WholeNumber(f), StringComparer.Ordinal);
        var yuan = Yuan.ToDictionary(f => f, f => Amount(f), StringComparer.Ordinal);
        var edges = Edges(current.AgingBucketEdges);
        var basis = Choice(Basis, "agingBasis", current.AgingBasis);
        var move = Choice(Move, "roundMoveDirection", current.RoundMoveDirection);
        var weekday = Choice(Weekday, "roundWeekday", current.RoundWeekday);
        return current with
        {
            RetailDueWorkingDays = whole["retailDueWorkingDays"], DefaultPaymentCycleDays = whole["defaultPaymentCycleDays"], DueWarningPercent = whole["dueWarningPercent"],
            AgingBucketEdges = edges, AgingBasis = basis, OmissionFineYuan = yuan["omissionFineYuan"],
            RoundWeekday = weekday, RoundOpensAtHour = whole["roundOpensAtHour"], RoundMoveDirection = move, ReviewOpensAtHour = whole["reviewOpensAtHour"],
            ArrearsReminderDays = whole["arrearsReminderDays"], ArrearsLawyerLetterDays = whole["arrearsLawyerLetterDays"], ArrearsLawsuitDays = whole["arrearsLawsuitDays"],
            ArrearsLawyerLetterMinYuan = yuan["arrearsLawyerLetterMinYuan"], ArrearsLawsuitMinYuan = yuan["arrearsLawsuitMinYuan"], ArrearsCheckHour = whole["arrearsCheckHour"],
        };
    }

    private T Choice<T>(T? chosen, string field, T current) where T : struct, Enum
    {
        if (chosen is { } value && Enum.IsDefined(value))
        {
            return value;
        }

        Errors[field] = l["FieldAdmin.ChooseOne"];
        return current;
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

    private decimal Amount(string field)
    {
        if (Text(field) is not { } text)
        {
            return 0;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        Errors[field] = l["FieldAdmin.NotANumber"];
        return 0;
    }

    /// <summary>The bucket edges as the reader writes them: "30, 60, 90" (commas, Chinese commas or spaces).</summary>
    private IReadOnlyList<int> Edges(IReadOnlyList<int> current)
    {
        if (Text("agingBucketEdges") is not { } text)
        {
            return current;
        }

        var parts = text.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var edges = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var edge))
            {
                Errors["agingBucketEdges"] = l["ReceivablesAdmin.EdgesFormat"];
                return current;
            }

            edges.Add(edge);
        }

        return edges;
    }
}
