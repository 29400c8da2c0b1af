using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Incidents.Pages;

/// <summary>EXC-01..06: the incident report form; outside working time it asks for the call made to the leader (EXC-04).</summary>
[Authorize(Policy = IncidentsModule.RecordPolicy)]
public sealed class IncidentNewModel(KefuDbContext db, CurrentUser current, IncidentUseCases incidents, Kefu.Web.Platform.Settings.PolicyStore policies) : PageModel
{
    /// <summary>The reporting rule's numbers as the administrator set them (EXC-02, EXC-04).</summary>
    public Kefu.Core.Incidents.IncidentPolicy Policy { get; private set; } = new();

    public sealed class IncidentForm
    {
        public IncidentType Type { get; set; } = IncidentType.CustomerComplaint;
        public IncidentSource Source { get; set; } = IncidentSource.ReceivedComplaint;
        public int? CustomerId { get; set; }
        public string? CustomerName { get; set; }
        public string? OrderReference { get; set; }
        public string? Summary { get; set; }
        public string? Details { get; set; }
        public DateTime? ReceivedAt { get; set; }
        public string? PhoneCallTo { get; set; }
        public DateTime? PhoneCallAt { get; set; }
        public decimal? DamageYuan { get; set; }
        public bool CompensatedOnSpot { get; set; }

        /// <summary>EXC-11: a major complaint from the start.</summary>
        public bool Major { get; set; }

        /// <summary>VIS-04: the staff member complained about, or the name of someone outside Kefu.</summary>
        public string? SubjectUserId { get; set; }

        public string? SubjectName { get; set; }
    }

    [BindProperty] public IncidentForm Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Label)> Customers { get; private set; } = [];

    /// <summary>VIS-04: the active staff a complaint may name, by name and employee number.</summary>
    public IReadOnlyList<(string Id, string Label)> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        static DateTimeOffset? Utc(DateTime? local) => local is { } l ? new DateTimeOffset(CompanyTime.LocalToUtc(l), TimeSpan.Zero) : null;
        var result = await incidents.RecordAsync(await current.GetViewerAsync(ct), current.UserId!, new IncidentInput(
            Input.Type, Input.Source, Input.CustomerId, Input.CustomerName, Input.OrderReference, Input.Summary, Input.Details, Utc(Input.ReceivedAt),
            Input.PhoneCallTo, Utc(Input.PhoneCallAt), Input.DamageYuan, Input.CompensatedOnSpot, SendReport: true, Major: Input.Major,
            SubjectUserId: Input.SubjectUserId, SubjectName: Input.SubjectName), ct);
        if (result is IncidentResult.Ok ok)
        {
            return Redirect($"/incidents/{ok.Incident.Id}");
        }

        if (result is IncidentResult.Invalid invalid)
        {
            invalid.Problems.CopyTo(ModelState);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Policy = await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct);
        Customers = (await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).OrderBy(c => c.Number).Take(500)
                .Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, $"{c.Number} {c.Name}")).ToArray();
        Staff = (await db.Users.AsNoTracking().Where(u => u.Status == StaffStatus.Active).OrderBy(u => u.DisplayName).ThenBy(u => u.EmployeeNumber).Take(2000)
                .Select(u => new { u.Id, u.DisplayName, u.EmployeeNumber }).ToListAsync(ct))
            .Select(u => (u.Id, string.IsNullOrEmpty(u.EmployeeNumber) ? u.DisplayName : $"{u.DisplayName}（{u.EmployeeNumber}）")).ToArray();
    }
}
