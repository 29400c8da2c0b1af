using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>A dispatcher opens a resident post (FLD-03): the customer, the lead and the technicians stationed there, among the centre's field engineers.</summary>
[Authorize(Policy = FieldModule.DispatchPolicy)]
public sealed class ResidentNewModel(ResidentUseCases resident, JobUseCases jobs, KefuDbContext db, CurrentUser current) : PageModel
{
    public sealed class PostForm
    {
        public string? Name { get; set; }
        public int? CustomerId { get; set; }
        public string? SiteAddress { get; set; }
        public string? LeadId { get; set; }
        public List<string> MemberIds { get; set; } = [];
    }

    [BindProperty] public PostForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Technicians { get; private set; } = [];

    public async Task OnGetAsync(int? customerId, CancellationToken ct)
    {
        Input.CustomerId = customerId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new PostInput(Input.Name, Input.CustomerId, Input.SiteAddress, Input.LeadId, Input.MemberIds, true, null);
        switch (await resident.SavePostAsync(await current.GetViewerAsync(ct), null, input, ct))
        {
            case FieldResult<ResidentPost>.Ok ok:
                return Redirect($"/field/resident/{ok.Value.Id}");
            case FieldResult<ResidentPost>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, "Input");
                break;
            default:
                return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Customers = (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).OrderBy(c => c.Name).Take(300).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();
        Technicians = (await jobs.Technicians(viewer.VisiblePath ?? viewer.CentrePath).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToList();
    }
}
