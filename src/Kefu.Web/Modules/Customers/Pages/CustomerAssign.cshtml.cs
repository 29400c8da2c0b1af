using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-04: the supervisor assigns customers, by hand or with the ability-weighted suggestion.</summary>
[Authorize(Policy = CustomersModule.AssignPolicy)]
public sealed class CustomerAssignModel(CustomerUseCases customers, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Number, string Name, string? Grade, string? Owner);

    [BindProperty] public List<int> Selected { get; set; } = [];
    [BindProperty] public string? SpecialistId { get; set; }
    [BindProperty] public Dictionary<int, string> Suggested { get; set; } = [];
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Row> Customers { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Specialists { get; private set; } = [];
    public IReadOnlyList<SuggestionDto> Suggestions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? action, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        switch (action)
        {
            case "suggest":
                Suggestions = Selected.Count == 0 ? [] : await customers.SuggestAsync(viewer, Selected, ct);
                await LoadAsync(ct);
                return Page();
            case "apply":
                var total = 0;
                foreach (var group in Suggested.Where(s => Selected.Contains(s.Key)).GroupBy(s => s.Value))
                {
                    var (assigned, problems) = await customers.AssignAsync(viewer, new AssignInput(group.Select(g => g.Key).ToArray(), group.Key), ct);
                    if (problems.HasErrors)
                    {
                        return await Problems(problems, ct);
                    }

                    total += assigned;
                }

                Message = l["Assign.Done", total];
                return RedirectToPage();
            default:
                var (count, errors) = await customers.AssignAsync(viewer, new AssignInput(Selected, SpecialistId), ct);
                if (errors.HasErrors)
                {
                    return await Problems(errors, ct);
                }

                Message = l["Assign.Done", count];
                return RedirectToPage();
        }
    }

    private async Task<IActionResult> Problems(Platform.Http.ProblemBuilder problems, CancellationToken ct)
    {
        problems.CopyToSummary(ModelState);

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var rows = await (from c in db.Set<Customer>().AsNoTracking().VisibleTo(viewer)
                          join o in db.Users on c.OwnerId equals o.Id into owners
                          from o in owners.DefaultIfEmpty()
                          orderby c.OwnerId != null, c.Number
                          select new Row(c.Id, c.Number, c.Name, c.Grade, o == null ? null : o.DisplayName)).Take(200).ToListAsync(ct);
        Customers = rows;
        Specialists = (await db.Users.AsNoTracking().VisibleTo(viewer).ActiveHolding(db, Role.CsSpecialist)
                .OrderBy(u => u.EmployeeNumber).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToArray();
    }
}
