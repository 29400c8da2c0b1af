using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-06: the customer analysis sheet (客户透析表), one section per module that knows the customer.</summary>
[Authorize(Policy = Policies.ReadCustomers)]
public sealed class CustomerAnalysisModel(KefuDbContext db, CurrentUser current, IEnumerable<ICustomerAnalysisSection> sections) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<AnalysisSection> Sections { get; private set; } = [];
    public IReadOnlyList<AnalysisTopic> Missing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == Id, ct) is not { } customer)
        {
            return NotFound();
        }

        Customer = customer;
        var built = new List<AnalysisSection>();
        foreach (var section in sections.OrderBy(s => s.Topic))
        {
            built.Add(await section.BuildAsync(viewer, Id, ct));
        }

        Sections = built;
        Missing = Enum.GetValues<AnalysisTopic>().Except(built.Select(b => b.Topic)).ToArray();
        return Page();
    }
}
