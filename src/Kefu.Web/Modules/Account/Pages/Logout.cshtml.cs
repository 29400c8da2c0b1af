using System.Security.Claims;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Account.Pages;

public sealed class LogoutModel(SignInManager<KefuUser> signIn, KefuDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            db.AddAuditEvent("Logout", "User", User.FindFirstValue(ClaimTypes.NameIdentifier), "{\"channel\":\"web\"}");
            await db.SaveChangesAsync();
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}
