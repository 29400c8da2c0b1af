using Microsoft.AspNetCore.WebUtilities;

namespace Kefu.Web.Platform.Http;

/// <summary>What the shared pager needs: the page numbers and the current query string to keep the filters.</summary>
public sealed record PagerModel(int Page, int PageSize, int Total, string Path, IQueryCollection Query)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
    public int From => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;
    public int To => Math.Min(Total, Page * PageSize);

    public string Url(int page)
    {
        var values = Query.Where(q => q.Key != "page" && q.Key != "handler")
                          .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, values);
    }

    public static PagerModel For<T>(Paged<T> paged, HttpRequest request) =>
        new(paged.Page, paged.PageSize, paged.Total, request.Path, request.Query);

    /// <summary>The export link: the same filters, no page.</summary>
    public static string ExportUrl(HttpRequest request, string format = "xlsx")
    {
        var values = request.Query.Where(q => q.Key is not ("page" or "handler" or "format"))
                            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        values["handler"] = "Export";
        values["format"] = format;
        return QueryHelpers.AddQueryString(request.Path, values);
    }
}
