namespace Kefu.Web.Platform.Localization;

/// <summary>How a value with nothing in it is shown on a page: a dash, never a blank line.</summary>
public static class Shown
{
    public const string Nothing = "—";

    /// <summary>The non-empty parts joined by a space, or "—" when every part is empty.</summary>
    public static string OrDash(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToArray();
        return present.Length == 0 ? Nothing : string.Join(' ', present);
    }

    /// <summary>The resource <paramref name="key"/> in the reader's language, or <paramref name="fallback"/> when there is none.</summary>
    public static string Label(string key, string fallback)
    {
        var text = Text.Get(key);
        return text == key ? fallback : text;
    }
}
