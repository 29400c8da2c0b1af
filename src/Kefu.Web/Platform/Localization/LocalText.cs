using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kefu.Web.Platform.Localization;

/// <summary>
/// Text Kefu writes for people (deadline names, notifications, timeline entries, approval titles),
/// kept as a resource key and its arguments and put into words only when someone reads it, in the
/// reader's language (UI.md, "Language"). It is stored in the record's existing text column as
/// <c>§t{"k":"SlaName.FirstContact","a":["上海示例"]}</c>: the marker tells it from the plain text
/// older rows hold, which is shown as it is. An argument is a literal (a customer's name, a
/// number, a formatted amount), another <see cref="LocalText"/> (an enum label, a step name), a
/// <see cref="LocalList"/> of such, or a string that is itself stored text.
/// </summary>
public sealed record LocalText(string Key, IReadOnlyList<object?> Args)
{
    /// <summary>What a stored text begins with; plain text never does in practice (and would be shown as written if it did not parse).</summary>
    public const string Marker = "§t";

    public static LocalText Of(string key, params object?[] args) => new(key, args);

    /// <summary>The stored form, cut to <paramref name="maxLength"/> by shortening the longest literal argument (a name) rather than breaking the text.</summary>
    public string Store(int maxLength = int.MaxValue)
    {
        var stored = Serialize(this);
        if (stored.Length <= maxLength)
        {
            return stored;
        }

        var args = Args.ToArray();
        for (var guard = 0; guard < 8 && stored.Length > maxLength; guard++)
        {
            var longest = Enumerable.Range(0, args.Length).Where(i => args[i] is string s && !IsStored(s))
                .OrderByDescending(i => ((string)args[i]!).Length).FirstOrDefault(-1);
            if (longest < 0 || ((string)args[longest]!).Length <= 1)
            {
                break;
            }

            var text = (string)args[longest]!;
            var keep = Math.Max(1, text.Length - (stored.Length - maxLength) - 1);
            args[longest] = text[..keep] + "…";
            stored = Serialize(this with { Args = args });
        }

        return stored.Length <= maxLength ? stored : stored[..maxLength];
    }

    public override string ToString() => Store();

    /// <summary>The text in the reader's (the current UI) language.</summary>
    public string Render() => Render(CultureInfo.CurrentUICulture);

    public string Render(CultureInfo culture) =>
        Text.In(culture, Key, Args.Select(a => (object?)RenderArg(a, culture)).ToArray());

    /// <summary>Whether <paramref name="stored"/> is a stored text rather than plain text.</summary>
    public static bool IsStored(string? stored) => stored is not null && stored.StartsWith(Marker + "{", StringComparison.Ordinal);

    /// <summary>Stored text in the reader's language; plain text (older rows, people's own words) as it is.</summary>
    public static string Show(string? stored) => Show(stored, CultureInfo.CurrentUICulture);

    /// <summary>Stored text in a given language, e.g. the recipient's for an e-mail.</summary>
    public static string Show(string? stored, CultureInfo culture) =>
        stored is null ? "" : TryParse(stored, out var text) ? text.Render(culture) : stored;

    /// <summary>The resource key of a stored text (the API returns it beside the words), or null for plain text.</summary>
    public static string? KeyOf(string? stored) => TryParse(stored, out var text) ? text.Key : null;

    public static bool TryParse(string? stored, out LocalText text)
    {
        text = null!;
        if (!IsStored(stored))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(stored.AsMemory(Marker.Length));
            if (ReadText(document.RootElement) is not { } parsed)
            {
                return false;
            }

            text = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string RenderArg(object? arg, CultureInfo culture) => arg switch
    {
        null => "",
        LocalText text => text.Render(culture),
        LocalList list => string.Join(Text.In(culture, "Text.ListSeparator"), list.Items.Select(i => RenderArg(i, culture))),
        string s => Show(s, culture),
        IFormattable f => f.ToString(null, culture),
        _ => arg.ToString() ?? "",
    };

    private static string Serialize(LocalText text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteText(writer, text);
        }

        return Marker + Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteText(Utf8JsonWriter writer, LocalText text)
    {
        writer.WriteStartObject();
        writer.WriteString("k", text.Key);
        if (text.Args.Count > 0)
        {
            writer.WriteStartArray("a");
            foreach (var arg in text.Args)
            {
                WriteArg(writer, arg);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteArg(Utf8JsonWriter writer, object? arg)
    {
        switch (arg)
        {
            case null:
                writer.WriteNullValue();
                break;
            case LocalText text:
                WriteText(writer, text);
                break;
            case LocalList list:
                writer.WriteStartObject();
                writer.WriteStartArray("l");
                foreach (var item in list.Items)
                {
                    WriteArg(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case int or long or short or byte:
                writer.WriteNumberValue(Convert.ToInt64(arg, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(arg, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static LocalText? ReadText(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("k", out var key) || key.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var args = element.TryGetProperty("a", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(ReadArg).ToArray()
            : [];
        return new LocalText(key.GetString()!, args);
    }

    private static object? ReadArg(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Object when element.TryGetProperty("l", out var l) && l.ValueKind == JsonValueKind.Array => new LocalList(l.EnumerateArray().Select(ReadArg).ToArray()),
        JsonValueKind.Object => ReadText(element),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };
}

/// <summary>Several values read as one ("客服部经理、客服部主任" / "CS manager, CS director"), each in the reader's language.</summary>
public sealed record LocalList(IReadOnlyList<object?> Items)
{
    public static LocalList Of(IEnumerable<object?> items) => new(items.ToArray());
}
