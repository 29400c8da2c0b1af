using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>A fee collection project (AR-07): its ledger against targets, its entries and reversals, its arrears and their steps.</summary>
[Authorize(Policy = ReceivablesModule.ReadPolicy)]
public sealed class CollectionDetailModel(CollectionUseCases collection, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }
    [BindProperty] public DateOnly? CollectedOn { get; set; }
    [BindProperty] public decimal? AmountYuan { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public long EntryId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Debtor { get; set; }
    [BindProperty] public decimal? OwedYuan { get; set; }
    [BindProperty] public DateOnly? Since { get; set; }
    [BindProperty] public int AccountId { get; set; }
    [BindProperty] public ArrearsStep? Step { get; set; }
    [BindProperty] public DateOnly? TakenOn { get; set; }
    [BindProperty] public ArrearsOutcome? ClosedAs { get; set; }
    [BindProperty] public DateOnly? ClosedOn { get; set; }

    public ProjectLedger? Ledger { get; private set; }
    public IReadOnlyList<CollectionEntry> Entries { get; private set; } = [];
    public IReadOnlyList<ArrearsView> Arrears { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public HashSet<long> Reversed { get; private set; } = [];
    public DateOnly Today => collection.Today();

    public DateOnly Date => AsOf is { } d && InputRange.Contains(d) ? d : collection.Today();
    public bool CanRecord => RoundsAndCollectionApi.Collectors.Any(current.IsInRole);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool? saved, CancellationToken ct)
    {
        Message = saved == true ? l["Collection.Saved"].Value : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostEntryAsync(CancellationToken ct) =>
        RunAsync(async v => Outcome(await collection.AddEntryAsync(v, current.UserId!, Id, new CollectionEntryInput(CollectedOn, AmountYuan, null, Note), ct)), ct);

    public Task<IActionResult> OnPostReverseAsync(CancellationToken ct) =>
        RunAsync(async v => Outcome(await collection.ReverseEntryAsync(v, current.UserId!, Id, EntryId, new ReverseInput(Reason), ct)), ct);

    public Task<IActionResult> OnPostArrearsAsync(CancellationToken ct) =>
        RunAsync(async v => Outcome(await collection.AddArrearsAsync(v, current.UserId!, Id, new ArrearsInput(Debtor, OwedYuan, Since), ct)), ct);

    public Task<IActionResult> OnPostStepAsync(CancellationToken ct) =>
        RunAsync(async v => Outcome(await collection.RecordStepAsync(v, current.UserId!, AccountId, new ArrearsStepInput(Step, TakenOn, Note), ct)), ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        RunAsync(async v => Outcome(await collection.CloseArrearsAsync(v, current.UserId!, AccountId, new ArrearsCloseInput(ClosedAs, ClosedOn, Note), ct), "Collection.AlreadyClosed"), ct);

    /// <summary>Null when saved; otherwise the refusal, already on the form (true) or not found (false).</summary>
    private bool? Outcome<T>(ArResult<T> result, string conflict = "Rounds.AlreadyConfirmed")
    {
        switch (result)
        {
            case ArResult<T>.Ok:
                return null;
            case ArResult<T>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                return true;
            case ArResult<T>.Conflict:
                ModelState.AddModelError(string.Empty, l[conflict]);
                return true;
            default:
                return false;
        }
    }

    private async Task<IActionResult> RunAsync(Func<ScopeViewer, Task<bool?>> action, CancellationToken ct)
    {
        if (!CanRecord)
        {
            return Forbid();
        }

        var outcome = await action(await current.GetViewerAsync(ct));
        if (outcome is null)
        {
            return Redirect($"/receivables/collection/{Id}?saved=true");
        }

        return outcome == true && await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var project = await collection.Projects(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct);
        if (project is null)
        {
            return false;
        }

        Ledger = (await collection.LedgersAsync([project], Date, ct))[0];
        Entries = await collection.EntriesAsync(Id, 200, ct);
        Reversed = Entries.Where(e => e.ReversesId is not null).Select(e => e.ReversesId!.Value).ToHashSet();
        Arrears = await collection.ArrearsAsync(Id, Date, ct);
        Names = await RoundsAndCollectionApi.NamesAsync(db, Entries.Select(e => e.CollectedById).Append(project.OwnerId)
            .Concat(Arrears.SelectMany(a => a.Steps.Select(s => s.TakenById))).Concat(Arrears.Select(a => a.Account.ClosedById)), ct);
        return true;
    }
}
