using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-04: staff in scope who are not on duty yet and why; an administrator records an exemption.</summary>
[Authorize(Policy = Policies.ReadStaff)]
public sealed class DutyModel(DutyUseCases duty, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<DutyDto> People { get; private set; } = [];
    public bool CanExempt => current.IsInRole(Kefu.Core.Organization.Role.SystemAdministrator);
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => People = await duty.NotOnDutyAsync(await current.GetViewerAsync(ct), ct);

    public async Task<IActionResult> OnPostExemptAsync(string userId, string? reason, CancellationToken ct)
    {
        if (!CanExempt)
        {
            return Forbid();
        }

        var (found, problems) = await duty.ExemptAsync(current.UserId!, userId, new ExemptionInput(reason), ct);
        if (!found)
        {
            return NotFound();
        }

        if (problems.HasErrors)
        {
            foreach (var (_, messages) in problems.Errors)
            {
                messages.ForEach(m => ModelState.AddModelError(string.Empty, m));
            }

            People = await duty.NotOnDutyAsync(await current.GetViewerAsync(ct), ct);
            return Page();
        }

        Message = l["Duty.ExemptionRecorded"];
        return RedirectToPage();
    }
}
