using System.ComponentModel.DataAnnotations;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Account.Pages;

/// <summary>Sign-in with a password; only failed attempts count towards the limits (SignInGuard), never page views.</summary>
public sealed class LoginModel(SignInManager<KefuUser> signIn, SignInGuard guard, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
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

        var attempt = await guard.CheckPasswordAsync(Input.UserName!, Input.Password!, HttpContext.Connection.RemoteIpAddress, "web", HttpContext.RequestAborted);
        if (attempt.Outcome == SignInOutcome.Limited)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = attempt.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, l["Login.TooManyFailures", attempt.RetryAfterMinutes]);
            return Page();
        }

        if (attempt.Outcome == SignInOutcome.Failed)
        {
            // Never say whether the user name or the password was wrong.
            ModelState.AddModelError(string.Empty, l["Login.Failed"]);
            return Page();
        }

        var user = attempt.User!;
        await signIn.SignInAsync(user, isPersistent: false);
        if (user.PreferredCulture is { } culture)
        {
            LocalizationSetup.WriteCultureCookie(Response, LocalizationSetup.Normalize(culture));
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
