namespace Kefu.Core.Calendar;

/// <summary>
/// A compiled working calendar (CAL-01, CAL-04). Every operation is a few array reads: per day
/// the kind, a prefix count of working days and the list of working days by ordinal, so adding or
/// measuring working time never loops over days or minutes (the speed target).
///
/// Working time is measured in ticks on a "working timeline": the working time elapsed from the
/// start of <see cref="FirstDate"/> to a local time. Adding is moving along that timeline and
/// mapping back to the earliest local time that reaches the target, so a result that falls
/// exactly on the end of an office period is that end, and a start outside working time
/// begins at the next office period.
/// </summary>
public sealed class WorkingCalendar
{
    public static readonly DateOnly DefaultFirstDate = new(2000, 1, 1);
    public static readonly DateOnly DefaultLastDate = new(2100, 12, 31);

    private readonly int _firstDayNumber;
    private readonly DayKind[] _kinds;
    private readonly string?[] _names;

    /// <summary>_workingBefore[i] = working days among days [0, i).</summary>
    private readonly int[] _workingBefore;

    /// <summary>_workingDays[k] = day index of the k-th working day (0-based).</summary>
    private readonly int[] _workingDays;

    private readonly long[] _periodStart;
    private readonly long[] _periodEnd;

    /// <summary>_periodCumulative[p] = working ticks in a day before period p starts.</summary>
    private readonly long[] _periodCumulative;

    private readonly long _ticksPerDay;
    private readonly TimeSpan? _fixedOffset;
    private readonly TimeZoneInfo _zone;

    public WorkingCalendar(CalendarDefinition definition)
        : this(definition, DefaultFirstDate, DefaultLastDate)
    {
    }

    public WorkingCalendar(CalendarDefinition definition, DateOnly firstDate, DateOnly lastDate)
    {
        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), nameof(definition));
        }

        Definition = definition;
        FirstDate = firstDate;
        LastDate = lastDate;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);
        _fixedOffset = FixedOffset(_zone, firstDate, lastDate);
        _firstDayNumber = firstDate.DayNumber;
        var count = lastDate.DayNumber - firstDate.DayNumber + 1;
        _kinds = new DayKind[count];
        _names = new string?[count];
        _workingBefore = new int[count + 1];
        var working = new List<int>(count * 5 / 7 + 16);
        for (var i = 0; i < count; i++)
        {
            var date = DateOnly.FromDayNumber(_firstDayNumber + i);
            var kind = definition.WorkingWeekdays.Contains(date.DayOfWeek) ? DayKind.Workday : DayKind.Weekend;
            if (definition.Days.TryGetValue(date, out var dated))
            {
                kind = dated.IsOffDay ? DayKind.Holiday : (kind == DayKind.Workday ? DayKind.Workday : DayKind.Makeup);
                _names[i] = dated.Name;
            }

            _kinds[i] = kind;
            var isWorking = kind is DayKind.Workday or DayKind.Makeup;
            _workingBefore[i + 1] = _workingBefore[i] + (isWorking ? 1 : 0);
            if (isWorking)
            {
                working.Add(i);
            }
        }

        _workingDays = working.ToArray();
        var periods = definition.Periods;
        _periodStart = periods.Select(p => p.Start.Ticks).ToArray();
        _periodEnd = periods.Select(p => p.End.Ticks).ToArray();
        _periodCumulative = new long[periods.Count];
        for (var p = 1; p < periods.Count; p++)
        {
            _periodCumulative[p] = _periodCumulative[p - 1] + (_periodEnd[p - 1] - _periodStart[p - 1]);
        }

        _ticksPerDay = _periodCumulative[^1] + (_periodEnd[^1] - _periodStart[^1]);
    }

    public CalendarDefinition Definition { get; }
    public DateOnly FirstDate { get; }
    public DateOnly LastDate { get; }

    /// <summary>Working time in one working day (540 minutes by default).</summary>
    public TimeSpan WorkingTimePerDay => TimeSpan.FromTicks(_ticksPerDay);

    // ---- days ----------------------------------------------------------------------------

    public DayKind KindOf(DateOnly date) => _kinds[Index(date)];

    /// <summary>The holiday's or make-up day's name from the arrangement, if any.</summary>
    public string? NameOf(DateOnly date) => _names[Index(date)];

    public bool IsWorkingDay(DateOnly date) => _kinds[Index(date)] is DayKind.Workday or DayKind.Makeup;

    /// <summary>CAL-02: whether the year's dated days are known (see <see cref="CalendarDefinition.ArrangedYears"/>).</summary>
    public bool IsArranged(int year) => Definition.ArrangedYears.Contains(year);

    /// <summary>
    /// CAL-02: the years from <paramref name="from"/> to <paramref name="to"/> (either order, both
    /// included) that are not arranged, ascending; empty when every day between is known.
    /// </summary>
    public IReadOnlyList<int> ProvisionalYearsBetween(DateOnly from, DateOnly to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        List<int>? years = null;
        for (var year = first; year <= last; year++)
        {
            if (!IsArranged(year))
            {
                (years ??= []).Add(year);
            }
        }

        return years ?? (IReadOnlyList<int>)[];
    }

    /// <summary>CAL-02: the provisional years counted through between two instants, by their dates on this calendar.</summary>
    public IReadOnlyList<int> ProvisionalYearsBetween(DateTimeOffset from, DateTimeOffset to) =>
        ProvisionalYearsBetween(DateOnly.FromDateTime(ToLocal(from, out _)), DateOnly.FromDateTime(ToLocal(to, out _)));

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included; 0 when from is after to.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return 0;
        }

        return _workingBefore[Index(to) + 1] - _workingBefore[Index(from)];
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="date"/> (the date itself never
    /// counts); a negative count goes back. Zero days is the date itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var index = Index(date);
        if (days == 0)
        {
            return date;
        }

        // Working days strictly before the date are [0, before); the first one after it has ordinal
        // workingBefore[index + 1].
        var ordinal = days > 0 ? _workingBefore[index + 1] + days - 1 : _workingBefore[index] + days;
        if (ordinal < 0 || ordinal >= _workingDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(days), $"The result is outside {FirstDate:yyyy-MM-dd}–{LastDate:yyyy-MM-dd}.");
        }

        return DateOnly.FromDayNumber(_firstDayNumber + _workingDays[ordinal]);
    }

    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    // ---- working time --------------------------------------------------------------------

    /// <summary>CAL-04: adds working minutes to an instant; the result is in the calendar's zone.</summary>
    public DateTimeOffset AddWorkingMinutes(DateTimeOffset start, int minutes) =>
        AddWorkingTime(start, new TimeSpan(minutes * TimeSpan.TicksPerMinute));

    /// <summary>
    /// Adds working time. Zero gives the first working instant at or after <paramref name="start"/>;
    /// negative time goes back to the latest instant with that much working time before it.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        if (_fixedOffset is { } offset && amount.Ticks > 0)
        {
            // The hot path of every deadline: raw ticks in, raw ticks out, one division.
            var reach = PositionOfLocalTicks(start.UtcTicks + offset.Ticks) + amount.Ticks;
            return new DateTimeOffset(EarliestTicksAt(reach), offset);
        }

        var position = Position(ToLocal(start, out _));
        if (amount.Ticks == 0)
        {
            // The earliest instant one tick further along, less that tick: the next period start
            // when outside working time, the instant itself when inside.
            return IsWorkingTime(start) ? ToCalendarTime(start) : FromLocal(EarliestAt(position + 1).AddTicks(-1));
        }

        var target = position + amount.Ticks;
        var local = amount.Ticks > 0 ? EarliestAt(target) : LatestAt(target);
        return FromLocal(local);
    }

    /// <summary>Working time from <paramref name="from"/> to <paramref name="to"/>; negative when to is earlier.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) =>
        TimeSpan.FromTicks(Position(ToLocal(to, out _)) - Position(ToLocal(from, out _)));

    /// <summary>Whether the instant falls inside an office period of a working day.</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = ToLocal(instant, out var index);
        if (!IsWorking(index))
        {
            return false;
        }

        var tod = local.TimeOfDay.Ticks;
        for (var p = 0; p < _periodStart.Length; p++)
        {
            if (tod >= _periodStart[p] && tod < _periodEnd[p])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// CAL-04 "first working day at 09:00 after T": the start of the first office period of the
    /// first working day after the local date of <paramref name="instant"/> (EXC-04's email deadline).
    /// </summary>
    public DateTimeOffset StartOfNextWorkingDay(DateTimeOffset instant)
    {
        var local = ToLocal(instant, out _);
        var next = AddWorkingDays(DateOnly.FromDateTime(local), 1);
        return FromLocal(next.ToDateTime(TimeOnly.MinValue).AddTicks(_periodStart[0]));
    }

    /// <summary>The calendar's local time of an instant, with its offset.</summary>
    public DateTimeOffset ToCalendarTime(DateTimeOffset instant) => FromLocal(ToLocal(instant, out _));

    // ---- internals -------------------------------------------------------------------------

    private bool IsWorking(int index) => _kinds[index] is DayKind.Workday or DayKind.Makeup;

    private int Index(DateOnly date)
    {
        var index = date.DayNumber - _firstDayNumber;
        if ((uint)index >= (uint)_kinds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(date), $"{date:yyyy-MM-dd} is outside {FirstDate:yyyy-MM-dd}–{LastDate:yyyy-MM-dd}.");
        }

        return index;
    }

    private DateTime ToLocal(DateTimeOffset instant, out int index)
    {
        var local = _fixedOffset is { } offset
            ? new DateTime(instant.UtcTicks + offset.Ticks, DateTimeKind.Unspecified)
            : TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
        index = (int)(local.Ticks / TimeSpan.TicksPerDay) - _firstDayNumber;
        if ((uint)index >= (uint)_kinds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), $"{instant:O} is outside {FirstDate:yyyy-MM-dd}–{LastDate:yyyy-MM-dd}.");
        }

        return local;
    }

    private DateTimeOffset FromLocal(DateTime local)
    {
        var offset = _fixedOffset ?? _zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private long PositionOfLocalTicks(long localTicks)
    {
        var dayNumber = localTicks / TimeSpan.TicksPerDay;
        var index = (int)(dayNumber - _firstDayNumber);
        if ((uint)index >= (uint)_kinds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(localTicks), $"The instant is outside {FirstDate:yyyy-MM-dd}–{LastDate:yyyy-MM-dd}.");
        }

        var before = _workingBefore[index] * _ticksPerDay;
        if (_kinds[index] is not (DayKind.Workday or DayKind.Makeup))
        {
            return before;
        }

        var tod = localTicks - (dayNumber * TimeSpan.TicksPerDay);
        var within = 0L;
        var starts = _periodStart;
        for (var p = 0; p < starts.Length; p++)
        {
            if (tod <= starts[p])
            {
                break;
            }

            within = _periodCumulative[p] + (Math.Min(tod, _periodEnd[p]) - starts[p]);
        }

        return before + within;
    }

    /// <summary>Local ticks of the earliest time whose position reaches <paramref name="target"/> (&gt; 0).</summary>
    private long EarliestTicksAt(long target)
    {
        var ordinal = (target - 1) / _ticksPerDay;
        if ((ulong)ordinal >= (ulong)_workingDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"The result is after {LastDate:yyyy-MM-dd}.");
        }

        var within = target - (ordinal * _ticksPerDay);
        var dayStart = (long)(_firstDayNumber + _workingDays[ordinal]) * TimeSpan.TicksPerDay;
        var starts = _periodStart;
        for (var p = 0; p < starts.Length; p++)
        {
            var end = _periodCumulative[p] + (_periodEnd[p] - starts[p]);
            if (within <= end)
            {
                return dayStart + starts[p] + (within - _periodCumulative[p]);
            }
        }

        return dayStart + _periodEnd[^1];
    }

    /// <summary>Working ticks from the start of FirstDate to a local time.</summary>
    private long Position(DateTime local)
    {
        var index = (int)(local.Ticks / TimeSpan.TicksPerDay) - _firstDayNumber;
        var before = _workingBefore[index] * _ticksPerDay;
        if (!IsWorking(index))
        {
            return before;
        }

        var tod = local.Ticks % TimeSpan.TicksPerDay;
        var within = 0L;
        for (var p = 0; p < _periodStart.Length; p++)
        {
            if (tod <= _periodStart[p])
            {
                break;
            }

            within = _periodCumulative[p] + (Math.Min(tod, _periodEnd[p]) - _periodStart[p]);
        }

        return before + within;
    }

    /// <summary>The earliest local time whose position reaches <paramref name="target"/>.</summary>
    private DateTime EarliestAt(long target)
    {
        if (target <= 0)
        {
            return LocalAt(_workingDays[0], _periodStart[0]);
        }

        var ordinal = (target - 1) / _ticksPerDay;
        var within = target - (ordinal * _ticksPerDay);
        return WithinDay(Ordinal(ordinal), within);
    }

    /// <summary>The latest local time whose position is still <paramref name="target"/> (for going back).</summary>
    private DateTime LatestAt(long target)
    {
        if (target < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "The result is before the calendar's first date.");
        }

        var ordinal = target / _ticksPerDay;
        var within = target - (ordinal * _ticksPerDay);
        if (ordinal >= _workingDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "The result is after the calendar's last date.");
        }

        var day = _workingDays[ordinal];
        // The latest point: a period start rather than the previous period's end.
        for (var p = _periodStart.Length - 1; p >= 0; p--)
        {
            if (within >= _periodCumulative[p])
            {
                return LocalAt(day, _periodStart[p] + (within - _periodCumulative[p]));
            }
        }

        return LocalAt(day, _periodStart[0]);
    }

    private int Ordinal(long ordinal)
    {
        if (ordinal >= _workingDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), $"The result is after {LastDate:yyyy-MM-dd}.");
        }

        return _workingDays[ordinal];
    }

    /// <summary>Local time on working day <paramref name="day"/> after 0 &lt; within ≤ ticksPerDay working ticks.</summary>
    private DateTime WithinDay(int day, long within)
    {
        for (var p = 0; p < _periodStart.Length; p++)
        {
            var end = _periodCumulative[p] + (_periodEnd[p] - _periodStart[p]);
            if (within <= end)
            {
                return LocalAt(day, _periodStart[p] + (within - _periodCumulative[p]));
            }
        }

        return LocalAt(day, _periodEnd[^1]);
    }

    private DateTime LocalAt(int dayIndex, long timeOfDayTicks) =>
        new(((long)(_firstDayNumber + dayIndex) * TimeSpan.TicksPerDay) + timeOfDayTicks, DateTimeKind.Unspecified);

    /// <summary>The zone's offset when it is the same over the whole range (no DST), else null.</summary>
    private static TimeSpan? FixedOffset(TimeZoneInfo zone, DateOnly first, DateOnly last)
    {
        var from = first.ToDateTime(TimeOnly.MinValue);
        var to = last.ToDateTime(TimeOnly.MaxValue);
        foreach (var rule in zone.GetAdjustmentRules())
        {
            if (rule.DateEnd >= from && rule.DateStart <= to && (rule.DaylightDelta != TimeSpan.Zero || rule.BaseUtcOffsetDelta != TimeSpan.Zero))
            {
                return null;
            }
        }

        return zone.BaseUtcOffset;
    }
}
