using Microsoft.AspNetCore.WebUtilities;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// A list filter that has no field of its own in the filter bar ("only mine", "first contact
/// pending"…), set by a link from the dashboard. The bar keeps it as a hidden field and shows it as
/// a chip that removes it, so the list says what it is showing.
/// </summary>
public sealed record ActiveFilter(string Name, string Value, string Label)
{
    /// <summary>The current address without this filter (and back on page 1).</summary>
    public string RemoveUrl(HttpRequest request)
    {
        var values = request.Query.Where(q => q.Key != Name && q.Key is not ("page" or "handler"))
                            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        return QueryHelpers.AddQueryString(request.Path, values);
    }
}
