using System.Collections.Concurrent;
using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Calendars;

/// <summary>
/// Compiled working calendars for every rule that counts working time (CAL-03, CAL-04). A compiled
/// calendar is cached: it changes when an administrator edits it, which this node applies at once
/// and other nodes within <see cref="RefreshAfter"/>.
/// </summary>
public sealed class CalendarService(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private sealed record Entry(WorkingCalendar Calendar, DateTimeOffset LoadedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The compiled calendar, or null when no calendar has this id.</summary>
    public async Task<WorkingCalendar?> FindAsync(string id, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(id, out var entry) && clock.GetUtcNow() - entry.LoadedAt < RefreshAfter)
        {
            return entry.Calendar;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var definition = await LoadDefinitionAsync(db, id, ct);
        if (definition is null)
        {
            _cache.TryRemove(id, out _);
            return null;
        }

        var compiled = new WorkingCalendar(definition);
        _cache[id] = new Entry(compiled, clock.GetUtcNow());
        return compiled;
    }

    public async Task<WorkingCalendar> GetAsync(string id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new KeyNotFoundException($"No calendar '{id}'.");

    /// <summary>CAL-03: the calendar of the branch that owns a record: the nearest unit up the path that names one, else the company default.</summary>
    public async Task<WorkingCalendar> ForOrgPathAsync(KefuDbContext db, string orgPath, CancellationToken ct = default)
    {
        var ids = OrgPath.Ids(orgPath);
        var named = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id) && u.CalendarId != null)
            .Select(u => new { u.Path, u.CalendarId }).ToListAsync(ct);
        var nearest = named.OrderByDescending(u => u.Path.Length).Select(u => u.CalendarId).FirstOrDefault();
        return await FindAsync(nearest ?? WorkCalendar.DefaultId, ct) ?? await GetAsync(WorkCalendar.DefaultId, ct);
    }

    public void Invalidate() => _cache.Clear();

    /// <summary>The effective definition: the calendar's own settings over its ancestors', and all their dated days.</summary>
    public static async Task<CalendarDefinition?> LoadDefinitionAsync(KefuDbContext db, string id, CancellationToken ct)
    {
        var chain = new List<WorkCalendar>();
        var next = id;
        while (next is not null && chain.Count < 10)
        {
            var calendar = await db.Set<WorkCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == next, ct);
            if (calendar is null)
            {
                break;
            }

            chain.Add(calendar);
            next = calendar.ParentId;
        }

        if (chain.Count == 0)
        {
            return null;
        }

        var chainIds = chain.Select(c => c.Id).ToArray();
        var days = await db.Set<CalendarDay>().AsNoTracking().Where(d => chainIds.Contains(d.CalendarId)).ToListAsync(ct);
        var merged = new Dictionary<DateOnly, DatedDay>();
        // From the root down, so a branch's own day overrides the company's.
        foreach (var calendar in Enumerable.Reverse(chain))
        {
            foreach (var day in days.Where(d => d.CalendarId == calendar.Id))
            {
                merged[day.Date] = new DatedDay(day.Date, day.IsOffDay, day.Name);
            }
        }

        var defaults = CalendarDefinition.ChinaDefault(id, chain[0].Name, []);
        var zone = chain.Select(c => c.TimeZone).FirstOrDefault(z => z is not null) ?? defaults.TimeZoneId;
        var weekdays = chain.Select(c => c.WorkingWeekdays).FirstOrDefault(w => w is not null) is { } w
            ? ParseWeekdays(w) : defaults.WorkingWeekdays;
        var periods = chain.Select(c => c.Periods).FirstOrDefault(p => p is not null) is { } p
            ? OfficePeriod.Parse(p) : defaults.Periods;
        // CAL-02: a year arranged on the calendar or any ancestor is arranged here.
        var arranged = await db.Set<CalendarYear>().AsNoTracking().Where(y => chainIds.Contains(y.CalendarId)).Select(y => y.Year).Distinct().ToListAsync(ct);
        return new CalendarDefinition(id, chain[0].Name, zone, weekdays, periods, merged) { ArrangedYears = arranged.ToHashSet() };
    }

    public static IReadOnlySet<DayOfWeek> ParseWeekdays(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var n) && n is >= 0 and <= 6 ? (DayOfWeek)n : throw new FormatException($"'{s}' is not a weekday number 0–6."))
            .ToHashSet();

    public static string FormatWeekdays(IEnumerable<DayOfWeek> days) => string.Join(",", days.Select(d => (int)d).Order());
}
