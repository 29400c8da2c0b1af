using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Field.Pages;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-01: the coordinator registers a sales confirmation (销售确认书) by its number when the delivery copy comes back.</summary>
[Authorize(Policy = ReceivablesModule.RegisterPolicy)]
public sealed class ConfirmationNewModel(ReceivablesUseCases receivables, JobUseCases jobs, KefuDbContext db, CurrentUser current) : PageModel
{
    public sealed class ConfirmationForm
    {
        public string? Number { get; set; }
        public int? CustomerId { get; set; }
        public string? TechnicianId { get; set; }
        public string? Items { get; set; }
        public decimal? AmountYuan { get; set; }
        public DateOnly? SoldOn { get; set; }
    }

    [BindProperty] public ConfirmationForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Technicians { get; private set; } = [];

    public async Task OnGetAsync(int? customerId, CancellationToken ct)
    {
        Input.CustomerId = customerId;
        Input.SoldOn = receivables.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var input = new ConfirmationInput(Input.Number, Input.CustomerId, Input.TechnicianId, Input.Items, Input.AmountYuan, Input.SoldOn, null, null);
        switch (await receivables.RegisterConfirmationAsync(viewer, viewer.UserId, input, ct))
        {
            case ArResult<SalesConfirmation>.Ok ok:
                return Redirect($"/receivables/ledger?q={Uri.EscapeDataString(ok.Value.Number)}&registered=1");
            case ArResult<SalesConfirmation>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, "Input");
                break;
            case ArResult<SalesConfirmation>.Conflict:
                ModelState.AddModelError("Input.Number", Kefu.Web.Platform.Localization.Text.Get("Receivables.NumberTaken"));
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
        Customers = await ReceivablesForms.CustomersAsync(db, viewer, Input.CustomerId, ct);
        Technicians = await ReceivablesForms.TechniciansAsync(jobs, viewer, ct);
    }
}
