using System.Globalization;

namespace Kefu.Web.Platform;

/// <summary>
/// The company's clock face: days, months and times people read are China Standard Time
/// (Asia/Shanghai). Stored instants stay UTC; this turns them into what a page shows and a
/// month or day filter means.
/// </summary>
public static class CompanyTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateTime? utc) => utc is { } value ? Format(value) : "";

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>The UTC instant a company-local day begins.</summary>
    public static DateTime StartUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    /// <summary>A local date and time typed into a form, as UTC.</summary>
    public static DateTime LocalToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>"2026-11" to its first day; null when it is not a month inside <see cref="Kefu.Core.Calendar.InputRange"/>.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        Kefu.Core.Calendar.YearMonth.TryParse(text, CultureInfo.InvariantCulture, out var month) ? month.FirstDay : null;

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
