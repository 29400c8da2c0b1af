using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>The paper form (A4) of a memo or request as the distributor's originals look (seed 004), with each step's opinion and signature box.</summary>
public sealed class PrintModel(RequestQueries queries, RequestUseCases requests, KefuDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public RequestDto Form { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var form = await queries.FindAsync(null, await requests.ViewerAsync(current, ct), Id, ct);
        if (form is null)
        {
            return NotFound();
        }

        Form = await queries.ToDtoAsync(form, ct);
        CompanyName = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }

    /// <summary>The step of the timeline with this key, if the form's chain has it.</summary>
    public StepDto? Step(string key) => Form.Steps.FirstOrDefault(s => s.Key == key);

    /// <summary>Date of an API time, as written on paper.</summary>
    public static string Day(string? time) => time is null ? "" : time[..10];
}
