using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>Service jobs: a technician's "my jobs" (open first, then today's finished), everyone else's list by state; live for the technician.</summary>
[RememberFilters]
[Authorize(Policy = FieldModule.ReadPolicy)]
public sealed class JobListModel(KefuDbContext db, CurrentUser current, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>The dashboard's "finished today" (RPT-01: the number links to the list that makes it up).</summary>
    [BindProperty(SupportsGet = true)] public bool Today { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ServiceJob> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyDictionary<int, DateTime> Due { get; private set; } = new Dictionary<int, DateTime>();
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public bool CanCreate => FieldModule.Creators.Any(current.IsInRole);
    public bool IsTechnician => current.IsInRole(Kefu.Core.Organization.Role.FieldEngineer) && !FieldModule.CanDispatch(current);

    /// <summary>
    /// The columns the list sorts on (UI.md, "List pages"); by default open jobs first, the most
    /// urgent and newest on top.
    /// </summary>
    public static readonly SortMap<ServiceJob> Sorts = new SortMap<ServiceJob>(
            q => q.OrderBy(j => j.State == JobState.New || j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived ? 0 : 1)
                  .ThenByDescending(j => j.Priority).ThenByDescending(j => j.ReceivedAt).ThenByDescending(j => j.Id),
            q => q.ThenByDescending(j => j.Id))
        .Add("received", j => j.ReceivedAt).Add("number", j => j.Number).Add("customer", j => j.CustomerName).Add("priority", j => j.Priority).Add("state", j => j.State);

    /// <summary>The rows' address for the live refresh: the same filters and sort, no page.</summary>
    public string RowsUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path,
        Request.Query.Where(q => q.Key is not ("handler" or "page")).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
            .Append(KeyValuePair.Create("handler", (string?)"Rows")));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The rows alone, for the live refresh of a technician's phone.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_JobRows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = db.Set<ServiceJob>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        State ??= IsTechnician ? "Open" : null;
        if (State == "Open")
        {
            query = query.Where(j => j.State == JobState.New || j.State == JobState.Assigned || j.State == JobState.SetOut || j.State == JobState.Arrived);
        }
        else if (Enum.TryParse<JobState>(State, out var state) && Enum.IsDefined(state))
        {
            query = query.Where(j => j.State == state);
        }
        else
        {
            State = null;
        }

        if (Today)
        {
            var since = Platform.CompanyTime.StartUtc(Platform.CompanyTime.Today(clock));
            query = query.Where(j => j.FinishedAt >= since);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(j => j.Number.Contains(q) || j.CustomerName.Contains(q) || j.Problem.Contains(q));
        }

        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        Result = new Paged<ServiceJob>(items, page, size, total);
        var keys = items.SelectMany(j => Enum.GetValues<JobDeadlineKind>().Select(k => JobUseCases.TimerKey(j, k))).ToArray();
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == JobUseCases.RecordType && t.Status == TimerStatus.Running)
            .Where(t => keys.Contains(t.RecordId)).Select(t => new { t.RecordId, t.DueAt }).ToListAsync(ct);
        Due = timers.GroupBy(t => int.Parse(t.RecordId.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Min(t => t.DueAt));
        var owners = items.Select(j => j.OwnerId).OfType<string>().Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
