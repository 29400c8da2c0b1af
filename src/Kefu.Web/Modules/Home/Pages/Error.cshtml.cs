using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>404, 409 and 500 pages; never a stack trace, always the correlation id that the log carries.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string CorrelationId { get; private set; } = "";

    /// <summary>The page the person was on, to reload it after a conflict (409).</summary>
    public string? BackTo { get; private set; }

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code ?? 500;
        CorrelationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Code;
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        BackTo = original is null ? null : original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString;
    }
}
