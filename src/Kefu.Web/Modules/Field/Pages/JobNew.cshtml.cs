using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>
/// A repair call, installation or inspection taken on the phone (FLD-01/05). The form carries a
/// request key made when it opened: sent twice (the network dropped after the server saved), it
/// opens the job it already made instead of making a second.
/// </summary>
[Authorize(Policy = FieldModule.CreatePolicy)]
public sealed class JobNewModel(KefuDbContext db, CurrentUser current, JobUseCases jobs, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public JobKind Type { get; set; } = JobKind.Repair;
    [BindProperty] public ServiceMode Mode { get; set; } = ServiceMode.Mobile;
    [BindProperty] public JobPriority Priority { get; set; } = JobPriority.Normal;
    [BindProperty] public JobSource Source { get; set; } = JobSource.Phone;
    [BindProperty] public int? CustomerId { get; set; }
    [BindProperty] public string? CustomerName { get; set; }
    [BindProperty] public string? SiteAddress { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? ReporterName { get; set; }
    [BindProperty] public string? Problem { get; set; }
    [BindProperty] public string? Skill { get; set; }
    [BindProperty] public string? DeviceModel { get; set; }
    [BindProperty] public string? SerialNumber { get; set; }
    [BindProperty] public DateOnly? WarrantyEnd { get; set; }
    [BindProperty] public double? SiteLatitude { get; set; }
    [BindProperty] public double? SiteLongitude { get; set; }
    [BindProperty] public string? TechnicianId { get; set; }

    /// <summary>The order the job serves (an installation after delivery), when it comes from one.</summary>
    [BindProperty] public string? OrderReference { get; set; }
    [BindProperty] public string RequestKey { get; set; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Technicians { get; private set; } = [];
    public bool CanDispatch => FieldModule.CanDispatch(current);

    public async Task OnGetAsync(int? customerId, int? orderId, CancellationToken ct)
    {
        CustomerId = customerId;
        if (orderId is { } id && await db.Set<Orders.Order>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(o => o.Id == id, ct) is { } order)
        {
            // A job from an order (FLD-01): the installation of what was delivered, at the delivery address.
            Type = JobKind.Install;
            Source = JobSource.Order;
            CustomerId = order.CustomerId;
            OrderReference = order.Number;
            SiteAddress = string.Join(" ", new[] { order.DeliveryCity, order.DeliveryAddress }.Where(s => !string.IsNullOrWhiteSpace(s)));
            ContactName = order.DeliveryContact;
            ContactPhone = order.DeliveryPhone;
            Problem = string.IsNullOrWhiteSpace(order.GoodsName) ? null : l["Jobs.FromOrderProblem", order.GoodsName, order.Pieces ?? 1].Value;
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DeviceInput[]? devices = string.IsNullOrWhiteSpace(DeviceModel) ? null : [new DeviceInput(DeviceModel, SerialNumber, 1, WarrantyEnd, null)];
        var input = new JobInput(Type, Mode, Source, Priority, CustomerId, CustomerName, SiteAddress, SiteLatitude, SiteLongitude, ContactName, ContactPhone, ReporterName,
            Problem, Skill, OrderReference, null, null, null, devices, RequestKey, null, CanDispatch ? TechnicianId : null);
        switch (await jobs.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, CanDispatch, input, ct))
        {
            case JobResult.Ok ok:
                return Redirect($"/field/jobs/{ok.Job.Id}");
            case JobResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Customers = (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).OrderBy(c => c.Name).Take(300).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();
        Technicians = CanDispatch
            ? (await jobs.Technicians(viewer.CentrePath).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList()
            : [];
    }
}
