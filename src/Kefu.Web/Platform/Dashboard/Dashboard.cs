using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;

namespace Kefu.Web.Platform.Dashboard;

/// <summary>A built card with its widget's key, as the page renders it.</summary>
public sealed record DashboardEntry(string Key, DashboardCard Card);

/// <summary>Composes the home page from the registered widgets (RPT-01); knows none of the modules.</summary>
public sealed class DashboardComposer(IEnumerable<IDashboardWidget> widgets, ILogger<DashboardComposer> log)
{
    public async Task<IReadOnlyList<DashboardEntry>> ComposeAsync(DashboardViewer viewer, CancellationToken ct)
    {
        var cards = new List<DashboardEntry>();
        foreach (var widget in widgets.OrderBy(w => w.Order).ThenBy(w => w.Key, StringComparer.Ordinal))
        {
            try
            {
                if (widget.ShowsTo(viewer) && await widget.BuildAsync(viewer, ct) is { } card)
                {
                    cards.Add(new DashboardEntry(widget.Key, card));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One broken widget must not take the page down with it; the log says which.
                log.LogError(ex, "Dashboard widget {Widget} failed for user {UserId}", widget.Key, viewer.UserId);
            }
        }

        return cards;
    }
}

/// <summary>Time helpers the widgets share: the company's weeks and the viewer's "due soon" horizon.</summary>
public static class DashboardTime
{
    /// <summary>The Monday (company time) of the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The last <paramref name="weeks"/> weeks up to this one, oldest first, as their Mondays.</summary>
    public static IReadOnlyList<DateOnly> LastWeeks(DateOnly today, int weeks)
    {
        var current = WeekStart(today);
        return Enumerable.Range(0, weeks).Select(i => current.AddDays(-7 * (weeks - 1 - i))).ToArray();
    }

    public static string WeekLabel(DateOnly monday) => monday.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RPT-01 "due soon": the end of the viewer's next working day on their unit's calendar, in UTC.</summary>
    public static async Task<DateTime> DueSoonCutoffUtcAsync(CalendarService calendars, KefuDbContext db, string orgPath, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await calendars.ForOrgPathAsync(db, orgPath, ct);
        return calendar.EndOfNextWorkingDay(now).UtcDateTime;
    }
}
