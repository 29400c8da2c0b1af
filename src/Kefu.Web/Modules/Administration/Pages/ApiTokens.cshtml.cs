using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>PLT-04: integration tokens; the secret is shown once, right after creation.</summary>
[Authorize(Policy = Policies.Administer)]
[RememberFilters]
public sealed class ApiTokensModel(ApiTokens tokens, IOptions<ApiTokenOptions> options) : PageModel
{
    public sealed class TokenForm
    {
        public string? Name { get; set; }
        public string? UserName { get; set; }
        public int? ValidDays { get; set; }

        /// <summary>Ticked on purpose: the days field is then ignored and the choice is audited.</summary>
        public bool NeverExpires { get; set; }
    }

    private readonly int _defaultDays = options.Value.DefaultValidDays;

    [BindProperty] public TokenForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Only tokens still usable (neither revoked nor expired).</summary>
    [BindProperty(SupportsGet = true)] public bool Active { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    public Paged<ApiTokenDto> Tokens { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ValidDays = _defaultDays;
        Tokens = await tokens.PageAsync(Q, Active, ListSort.From(Request), PageNumber, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (created, problems) = await tokens.CreateAsync(new ApiTokenInput(Input.Name, Input.UserName, Input.NeverExpires ? null : Input.ValidDays, Input.NeverExpires), User.Identity?.Name, ct);
            if (created is null)
            {
                problems.CopyTo(ModelState);
            }
            else
            {
                NewSecret = created.Secret;
                Input = new TokenForm { ValidDays = _defaultDays };
                ModelState.Clear();
            }
        }

        Tokens = await tokens.PageAsync(Q, Active, ListSort.From(Request), PageNumber, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct)
    {
        await tokens.RevokeAsync(tokenId, ct);
        return RedirectToPage();
    }
}
