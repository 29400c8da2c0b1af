using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// A list keeps its filters and sort when you come back (UI.md, "List pages"): the query string of
/// the last look at the list is kept in a cookie scoped to the list's path, and opening the list
/// without one brings it back. <c>?clear=1</c> forgets it. Only the list's plain GET is concerned:
/// exports and posts neither save nor restore.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RememberFiltersAttribute : Attribute, IAsyncPageFilter
{
    public const string ClearParameter = "clear";

    /// <summary>Query keys that are no filters: the page, the handler, the language switch.</summary>
    private static readonly HashSet<string> NotFilters = new(StringComparer.OrdinalIgnoreCase) { "page", "handler", "format", "culture", "ui-culture", ClearParameter };

    public static string CookieName(PathString path) =>
        "kefu-list" + string.Concat((path.Value ?? "").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>Whether the list shows more than its defaults, so a "clear filters" link helps.</summary>
    public static bool HasFilters(HttpRequest request) => request.Query.Any(q => IsFilter(request, q));

    /// <summary>A query value that narrows or orders the list; a direction without a sort column orders nothing.</summary>
    private static bool IsFilter(HttpRequest request, KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> q) =>
        !NotFilters.Contains(q.Key) && !string.IsNullOrEmpty(q.Value.ToString())
        && !(string.Equals(q.Key, "dir", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(request.Query["sort"].ToString()));

    /// <summary>The address that clears the list's filters and sort.</summary>
    public static string ClearUrl(HttpRequest request) => $"{request.Path}?{ClearParameter}=1";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) || context.HandlerMethod?.Name is { Length: > 0 })
        {
            await next();
            return;
        }

        var response = context.HttpContext.Response;
        var name = CookieName(request.Path);
        var options = new CookieOptions
        {
            Path = request.Path, HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = request.IsHttps,
            Expires = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(30),
        };
        if (request.Query.ContainsKey(ClearParameter))
        {
            response.Cookies.Delete(name, new CookieOptions { Path = request.Path, Secure = request.IsHttps });
            context.Result = new RedirectResult(request.Path);
            return;
        }

        var kept = request.Query.Where(q => IsFilter(request, q)).ToArray();
        if (request.QueryString.HasValue && kept.Length > 0)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", kept.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            response.Cookies.Append(name, query.TrimStart('?'), options);
        }
        else if (!request.QueryString.HasValue && request.Cookies.TryGetValue(name, out var saved) && !string.IsNullOrEmpty(saved)
                 && saved.Length <= 2000 && !saved.Contains("//", StringComparison.Ordinal))
        {
            // Back to the list as it was left.
            context.Result = new RedirectResult($"{request.Path}?{saved}");
            return;
        }

        await next();
    }
}
