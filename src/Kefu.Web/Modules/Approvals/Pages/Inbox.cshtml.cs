using Kefu.Web.Data;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals.Pages;

/// <summary>APR-01: the approvals inbox: what waits for me, oldest first, with the deadline.</summary>
[RememberFilters]
public sealed class InboxModel(ApprovalService approvals, KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock) : PageModel
{
    /// <summary>Only one kind of record (expense claim, handover, incident …).</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<InboxRowDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public IReadOnlyDictionary<string, TimerDto> Timers { get; private set; } = new Dictionary<string, TimerDto>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        // What waits for one person (at most 500, see ApprovalService.InboxAsync), with titles in the reader's
        // words and deadlines from the calendar: filtered, sorted and paged here.
        var items = await approvals.InboxAsync(current.UserId!, ct);
        Kinds = items.Select(i => i.SubjectType).Distinct().Order(StringComparer.Ordinal).ToArray();
        var chosen = string.IsNullOrEmpty(Kind) ? items : items.Where(i => i.SubjectType == Kind).ToList();
        var submitters = chosen.Select(i => i.SubmitterId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => submitters.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var rows = chosen.Select(i => new InboxRowDto(i.Id, i.SubjectType, i.SubjectId, Kefu.Web.Platform.Localization.LocalText.Show(i.Title), i.CurrentStepKey!, names.GetValueOrDefault(i.SubmitterId, ""),
            ExpensesModule.Time(i.SubmittedAt)!, ExpensesModule.Time(i.StepStartedAt), i.Link, Kefu.Web.Platform.Localization.LocalText.KeyOf(i.Title))).ToArray();
        var ids = chosen.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == ApprovalService.TimerRecordType && ids.Contains(t.RecordId) && t.Status != TimerStatus.Stopped).ToListAsync(ct);
        Timers = (await SlaApi.ToDtosAsync(timers, calendars, clock, ct)).GroupBy(t => t.RecordId).ToDictionary(g => g.Key, g => g.Last());

        var sorted = Sort(rows, ListSort.From(Request));
        var (page, size) = Paging.Clamp(PageNumber, null);
        Result = new Paged<InboxRowDto>(sorted.Skip((page - 1) * size).Take(size).ToArray(), page, size, sorted.Count);
    }

    /// <summary>The inbox's columns; without one, the oldest submission first.</summary>
    private List<InboxRowDto> Sort(IReadOnlyList<InboxRowDto> rows, ListSort sort)
    {
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true);
        string Due(InboxRowDto r) => Timers.TryGetValue(r.InstanceId.ToString(System.Globalization.CultureInfo.InvariantCulture), out var t) ? t.DueAt : "9999";
        Func<InboxRowDto, string>? key = sort.Column?.ToLowerInvariant() switch
        {
            "subject" => r => r.Title,
            "submitter" => r => r.Submitter,
            "submitted" => r => r.SubmittedAt,
            "due" => Due,
            _ => null,
        };
        if (key is null)
        {
            return [.. rows.OrderBy(r => r.SubmittedAt, StringComparer.Ordinal).ThenBy(r => r.InstanceId)];
        }

        var ordinal = sort.Column!.ToLowerInvariant() is "submitted" or "due";
        var by = ordinal ? StringComparer.Ordinal : comparer;
        return [.. (sort.Descending ? rows.OrderByDescending(key, by) : rows.OrderBy(key, by)).ThenBy(r => r.InstanceId)];
    }
}
