using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>404 and 500 pages; never a stack trace, always the correlation id that the log carries.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string CorrelationId { get; private set; } = "";

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code ?? 500;
        CorrelationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        Response.StatusCode = Code;
    }
}
