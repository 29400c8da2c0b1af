using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kefu.Core.Calendar;

/// <summary>
/// A calendar month as people write it ("2026-11"), inside <see cref="InputRange"/>. Used as a
/// query parameter type, so "2026-13", "9999-12" or "0001-01" fail binding (400 naming the
/// parameter) instead of being ignored.
/// </summary>
public readonly record struct YearMonth : IParsable<YearMonth>
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public static YearMonth Of(DateOnly day) => new(day.Year, day.Month);

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"'{s}' is not a month (yyyy-MM).");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out YearMonth result)
    {
        result = default;
        if (s is not { Length: 7 } || s[4] != '-'
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || month is < 1 or > 12)
        {
            return false;
        }

        if (year <= InputRange.FirstDate.Year || year >= InputRange.LastDate.Year)
        {
            return false;
        }

        result = new YearMonth(year, month);
        return true;
    }
}
