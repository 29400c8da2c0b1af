using Kefu.Web.Data;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals.Pages;

/// <summary>APR-01: the approvals inbox: what waits for me, oldest first, with the deadline.</summary>
public sealed class InboxModel(ApprovalService approvals, KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock) : PageModel
{
    public IReadOnlyList<InboxRowDto> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, TimerDto> Timers { get; private set; } = new Dictionary<string, TimerDto>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await approvals.InboxAsync(current.UserId!, ct);
        var submitters = items.Select(i => i.SubmitterId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => submitters.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Items = items.Select(i => new InboxRowDto(i.Id, i.SubjectType, i.SubjectId, Kefu.Web.Platform.Localization.LocalText.Show(i.Title), i.CurrentStepKey!, names.GetValueOrDefault(i.SubmitterId, ""),
            ExpensesModule.Time(i.SubmittedAt)!, ExpensesModule.Time(i.StepStartedAt), i.Link, Kefu.Web.Platform.Localization.LocalText.KeyOf(i.Title))).ToArray();
        var ids = items.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == ApprovalService.TimerRecordType && ids.Contains(t.RecordId) && t.Status != TimerStatus.Stopped).ToListAsync(ct);
        Timers = (await SlaApi.ToDtosAsync(timers, calendars, clock, ct)).GroupBy(t => t.RecordId).ToDictionary(g => g.Key, g => g.Last());
    }
}
