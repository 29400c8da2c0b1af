using System.Globalization;
using System.Resources;

namespace Kefu.Web.Platform.Localization;

/// <summary>
/// The UI strings (Resources/SharedResource.*.resx) for code that has no localizer at hand, such as
/// validation messages built inside use cases. Uses the request's UI culture.
/// </summary>
public static class Text
{
    private static readonly ResourceManager Resources = new("Kefu.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string Get(string key, params object?[] args) => In(CultureInfo.CurrentUICulture, key, args);

    /// <summary>The string in a given culture, e.g. the recipient's language for a notification.</summary>
    public static string In(CultureInfo culture, string key, params object?[] args)
    {
        var format = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }
}
