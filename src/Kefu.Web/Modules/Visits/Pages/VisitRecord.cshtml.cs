using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Visits.Pages;

/// <summary>VIS-02: records a visit, completing the planned one when it came from the plan.</summary>
[Authorize(Policy = VisitsModule.VisitPolicyName)]
public sealed class VisitRecordModel(KefuDbContext db, CurrentUser current, VisitUseCases visits, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class VisitForm
    {
        public int? CustomerId { get; set; }
        public int? VisitId { get; set; }
        public VisitChannel? Channel { get; set; } = VisitChannel.Phone;
        public string? ContactName { get; set; }
        public string? Questions { get; set; }
        public SatisfactionRating? Rating { get; set; }
        public string? Feedback { get; set; }
        public bool CreateFollowUp { get; set; }
        public string? FollowUpTitle { get; set; }
        public string? RecentSales { get; set; }
        public string? NewNeeds { get; set; }
        public string? ProblemsRaised { get; set; }
        public bool ReportToSuperior { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public int? VisitId { get; set; }
    [BindProperty] public VisitForm Input { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public Customer? Customer { get; private set; }
    public IReadOnlyList<(int Id, string Label)> Customers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.CustomerId = CustomerId;
        Input.VisitId = VisitId;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (visit, problems) = await visits.RecordAsync(await current.GetViewerAsync(ct), current.UserId!, new VisitInput(
            Input.CustomerId, Input.VisitId, Input.Channel, Input.ContactName, Input.Questions, Input.Rating, Input.Feedback, Input.CreateFollowUp, Input.FollowUpTitle,
            Input.RecentSales, Input.NewNeeds, Input.ProblemsRaised, Input.ReportToSuperior), ct);
        if (visit is null)
        {
            problems.CopyTo(ModelState);
            CustomerId = Input.CustomerId;
            await LoadAsync(ct);
            return Page();
        }

        Message = l["Visits.Recorded"];
        return Redirect($"/customers/{visit.CustomerId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (CustomerId is { } id)
        {
            Customer = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
            return Customer is not null;
        }

        Customers = (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).OrderBy(c => c.Number).Take(500).Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, $"{c.Number} {c.Name}")).ToArray();
        return true;
    }
}
