using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>PLT-04: integration tokens; the secret is shown once, right after creation.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ApiTokensModel(ApiTokens tokens) : PageModel
{
    public sealed class TokenForm
    {
        public string? Name { get; set; }
        public string? UserName { get; set; }
        public int? ValidDays { get; set; } = 365;
    }

    [BindProperty] public TokenForm Input { get; set; } = new();
    public IReadOnlyList<ApiTokenDto> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (created, problems) = await tokens.CreateAsync(new ApiTokenInput(Input.Name, Input.UserName, Input.ValidDays), User.Identity?.Name, ct);
            if (created is null)
            {
                problems.CopyTo(ModelState);
            }
            else
            {
                NewSecret = created.Secret;
                Input = new TokenForm();
                ModelState.Clear();
            }
        }

        Tokens = await tokens.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct)
    {
        await tokens.RevokeAsync(tokenId, ct);
        return RedirectToPage();
    }
}
