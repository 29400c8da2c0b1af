using System.ComponentModel.DataAnnotations;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Account.Pages;

[EnableRateLimiting(AuthSetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<KefuUser> signIn, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.UserName")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Login.Password")]
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByNameAsync(Input.UserName!.Trim());
        var result = user is null || user.Status == Kefu.Core.Organization.StaffStatus.Left
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            db.AddSignInEvent(result.IsLockedOut ? "LoginLockedOut" : "LoginFailed", user, "web");
            await db.SaveChangesAsync();
            // Never say whether the user name or the password was wrong.
            ModelState.AddModelError(string.Empty, result.IsLockedOut ? l["Login.LockedOut"] : l["Login.Failed"]);
            return Page();
        }

        db.AddSignInEvent("Login", user, "web");
        await db.SaveChangesAsync();
        if (user!.PreferredCulture is { } culture)
        {
            LocalizationSetup.WriteCultureCookie(Response, LocalizationSetup.Normalize(culture));
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
