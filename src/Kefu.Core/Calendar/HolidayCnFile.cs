using System.Globalization;
using System.Text.Json;

namespace Kefu.Core.Calendar;

/// <summary>
/// The public holiday-cn JSON format (CAL-02): <c>{"year":2025,"papers":[…],"days":[{"name":"春节",
/// "date":"2025-01-28","isOffDay":true},…]}</c>. <c>isOffDay: true</c> is a holiday, <c>false</c> a
/// make-up working day.
/// </summary>
public sealed record HolidayCnFile(int Year, IReadOnlyList<DatedDay> Days)
{
    /// <summary>Parses a file; any malformed part is an error naming it, and nothing is half-read.</summary>
    public static HolidayCnFile Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("The file is not JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The file must be a JSON object with 'year' and 'days'.");
            }

            if (!root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year) || year is < 1900 or > 2200)
            {
                throw new FormatException("'year' must be a year such as 2025.");
            }

            if (!root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("'days' must be an array.");
            }

            var days = new List<DatedDay>();
            var seen = new HashSet<DateOnly>();
            var index = 0;
            foreach (var item in daysElement.EnumerateArray())
            {
                var where = $"days[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{where} must be an object.");
                }

                if (!item.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(dateElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new FormatException($"{where}.date must be a date like 2025-01-28.");
                }

                if (!item.TryGetProperty("isOffDay", out var offElement) || offElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new FormatException($"{where}.isOffDay must be true or false.");
                }

                // Make-up days of a year's arrangement may fall in the adjacent years (e.g. late December).
                if (Math.Abs(date.Year - year) > 1)
                {
                    throw new FormatException($"{where}.date {date:yyyy-MM-dd} is too far from year {year}.");
                }

                if (!seen.Add(date))
                {
                    throw new FormatException($"{where}.date {date:yyyy-MM-dd} appears twice.");
                }

                var name = item.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
                    ? nameElement.GetString() ?? "" : "";
                days.Add(new DatedDay(date, offElement.GetBoolean(), name));
            }

            return new HolidayCnFile(year, days);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        year = Year,
        papers = Array.Empty<string>(),
        days = Days.OrderBy(d => d.Date).Select(d => new { name = d.Name, date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), isOffDay = d.IsOffDay }),
    }, WriteOptions);

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>
    /// CAL-02: re-importing a year replaces it. The result keeps every dated day outside the
    /// imported year (and not named by the file) and takes the file's days.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, DatedDay> ReplaceIn(IReadOnlyDictionary<DateOnly, DatedDay> existing)
    {
        var result = existing.Where(kv => kv.Key.Year != Year).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var day in Days)
        {
            result[day.Date] = day;
        }

        return result;
    }

    /// <summary>The State Council arrangements Kefu ships (2025 and 2026).</summary>
    public static IReadOnlyList<HolidayCnFile> Official { get; } = LoadOfficial();

    private static HolidayCnFile[] LoadOfficial()
    {
        var assembly = typeof(HolidayCnFile).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Kefu.Core.Calendar.Data.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return Parse(reader.ReadToEnd());
            })
            .ToArray();
    }
}
