using System.Security.Claims;
using Kefu.Web.Data;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Account.Pages;

/// <summary>PLT-01: the language switch. Signed-in users keep their choice for their next sign-in.</summary>
public sealed class CultureModel(KefuDbContext db) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var chosen = LocalizationSetup.Normalize(culture);
        LocalizationSetup.WriteCultureCookie(Response, chosen);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId);
            if (user is not null && user.PreferredCulture != chosen)
            {
                user.PreferredCulture = chosen;
                await db.SaveChangesAsync();
            }
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
