using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>One technician's weekly reconciliation (AR-04): items, differences per item, confirmation by each side.</summary>
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class RoundDetailModel(ReconciliationUseCases rounds, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public List<DifferenceLine> Lines { get; set; } = [];

    public sealed class DifferenceLine
    {
        public long ItemId { get; set; }
        public decimal? DifferenceYuan { get; set; }
        public string? Note { get; set; }
    }

    public ReconciliationEntry? Entry { get; private set; }
    public IReadOnlyList<ReconciliationItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public bool IsTechnician => Entry?.TechnicianId == current.UserId;
    public bool CanConfirm => Entry is not null && (IsTechnician ? Entry.TechnicianConfirmedAt is null
        : ReceivablesModule.Registrars.Any(current.IsInRole) && Entry.CoordinatorConfirmedAt is null);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool? saved, CancellationToken ct)
    {
        Message = saved == true ? l["Rounds.Confirmed"].Value : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var differences = Lines.Where(x => x.DifferenceYuan is not null || !string.IsNullOrWhiteSpace(x.Note))
            .Select(x => new DifferenceInput(x.ItemId, x.DifferenceYuan, x.Note)).ToList();
        var result = await rounds.ConfirmAsync(await current.GetViewerAsync(ct), current.UserId!, ReceivablesModule.Registrars.Any(current.IsInRole), Id, new RoundConfirmInput(differences), ct);
        switch (result)
        {
            case ArResult<ReconciliationEntry>.Ok:
                return Redirect($"/receivables/rounds/{Id}?saved=true");
            case ArResult<ReconciliationEntry>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case ArResult<ReconciliationEntry>.Conflict:
                ModelState.AddModelError(string.Empty, l["Rounds.AlreadyConfirmed"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Entry = await rounds.Entries(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, ct);
        if (Entry is null)
        {
            return false;
        }

        Items = await rounds.ItemsAsync(Id, ct);
        Names = await RoundsAndCollectionApi.NamesAsync(db, [Entry.TechnicianId, Entry.CoordinatorId], ct);
        return true;
    }
}
