using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>AR-06 step 5 by the customer: the statement behind the emailed link; confirm the amounts or dispute them. No account, phone-first.</summary>
[AllowAnonymous]
public sealed class StatementConfirmModel(StatementUseCases statements, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Note { get; set; }

    public OpenedStatement Opened { get; private set; } = null!;
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var opened = await statements.OpenLinkAsync(Token, ct);
        if (opened is null)
        {
            return NotFound();
        }

        Opened = opened;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => AnswerAsync(false, ct);

    public Task<IActionResult> OnPostDisputeAsync(CancellationToken ct) => AnswerAsync(true, ct);

    private async Task<IActionResult> AnswerAsync(bool dispute, CancellationToken ct)
    {
        var result = await statements.AnswerLinkAsync(Token, dispute, Name, Note, ct);
        switch (result)
        {
            case StatementResult.NotFound:
                return NotFound();
            case StatementResult.Ok:
                Thanks = true;
                break;
            case StatementResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Statements.LinkAnswered"]);
                break;
        }

        var opened = await statements.OpenLinkAsync(Token, ct);
        if (opened is null)
        {
            return NotFound();
        }

        Opened = opened;
        return Page();
    }
}
