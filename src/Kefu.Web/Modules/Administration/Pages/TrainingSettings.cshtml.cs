using System.Globalization;
using Kefu.Core.Training;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>Settings → Policies for training (TRN-02): the defaults a new exam starts from and the grace after a time limit.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class TrainingSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] Fields = ["passMarkPercent", "timeLimitMinutes", "attemptsLimit", "questionCount", "graceSeconds"];

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [TempData] public string? Message { get; set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var p = await store.GetAsync<TrainingPolicy>(TrainingPolicy.Key, ct);
        int[] values = [p.PassMarkPercent, p.TimeLimitMinutes, p.AttemptsLimit, p.QuestionCount, p.GraceSeconds];
        Values = Fields.Zip(values).ToDictionary(x => x.First, x => (string?)x.Second.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
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

        var policy = new TrainingPolicy
        {
            PassMarkPercent = N("passMarkPercent"), TimeLimitMinutes = N("timeLimitMinutes"), AttemptsLimit = N("attemptsLimit"), QuestionCount = N("questionCount"), GraceSeconds = N("graceSeconds"),
        };
        foreach (var (field, min, max) in policy.Validate())
        {
            Errors.TryAdd(field, l["Policy.OutOfRange", min, max]);
        }

        if (Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            return Page();
        }

        await store.SaveAsync(TrainingPolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }
}
