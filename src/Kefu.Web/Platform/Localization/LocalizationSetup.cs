using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Kefu.Web.Platform.Localization;

/// <summary>PLT-01: Simplified Chinese by default, English on request; the choice is a cookie and the user's preference.</summary>
public static class LocalizationSetup
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Supported = [Chinese, English];

    public static void AddKefuLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The browser's Accept-Language must not override the Chinese default.
            o.RequestCultureProviders = o.RequestCultureProviders.Where(p => p is not AcceptLanguageHeaderRequestCultureProvider).ToList();
        });

        // Otherwise Razor writes every Chinese character as &#x…;.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    }

    public static string Normalize(string? culture) =>
        string.Equals(culture, English, StringComparison.OrdinalIgnoreCase) || (culture?.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ?? false)
            ? English : Chinese;

    public static void WriteCultureCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = response.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static IMvcBuilder AddKefuViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
           .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

    /// <summary>Model-binding messages are not DataAnnotations; they are localised here (RECIPES.md).</summary>
    public static void LocalizeModelBinding(Microsoft.AspNetCore.Mvc.MvcOptions options, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.InvalidValue", value, field]);
        m.SetValueMustBeANumberAccessor(field => l["Validation.MustBeNumber", field]);
        m.SetValueMustNotBeNullAccessor(field => l["Validation.Required", field]);
        m.SetMissingBindRequiredValueAccessor(field => l["Validation.Required", field]);
        m.SetValueIsInvalidAccessor(value => l["Validation.InvalidValue", value, ""]);
        m.SetUnknownValueIsInvalidAccessor(field => l["Validation.InvalidValue", "", field]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.InvalidValue", value, ""]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValue", "", ""]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumber", ""]);
    }
}
