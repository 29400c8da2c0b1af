using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>
/// A portal page for a signed-in customer contact: without a valid portal session (or once the
/// customer no longer has the contact's address) it sends the visitor to the sign-in page.
/// </summary>
public abstract class PortalPageModel : PageModel
{
    public PortalContact Contact { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await PortalModule.CurrentAsync(HttpContext, HttpContext.RequestAborted) is not { } contact)
        {
            context.Result = new RedirectResult("/portal/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }

        Contact = contact;
        await next();
    }
}
