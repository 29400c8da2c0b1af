using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// The lists' <c>?page=</c> is read from the query string only. Razor Pages puts the page's own
/// name in the route values under the same key ("page" = "/Home/Pages/Deadlines"), and route values
/// come before the query string: without this every list stayed on its first page whatever the
/// pager asked for.
/// </summary>
public sealed class PageNumberFromQuery : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        foreach (var property in model.HandlerProperties)
        {
            if (property.BindingInfo is { BinderModelName: "page" } binding)
            {
                binding.BindingSource = BindingSource.Query;
            }
        }
    }
}
