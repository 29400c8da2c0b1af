using Kefu.Web.Modules.Receivables;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>AR-06 step 5 in the portal: the customer reads a month's statement and confirms it or says what is wrong.</summary>
public sealed class StatementModel(PortalUseCases portal, StatementUseCases statements, IStringLocalizer<SharedResource> l) : PortalPageModel
{
    public ReceivableStatement Statement { get; private set; } = null!;
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Note { get; set; }
    public bool Thanks { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) => AnswerAsync(id, false, ct);

    public Task<IActionResult> OnPostDisputeAsync(int id, CancellationToken ct) => AnswerAsync(id, true, ct);

    private async Task<IActionResult> AnswerAsync(int id, bool dispute, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        switch (await statements.AnswerAsCustomerAsync(Contact.CustomerId, id, dispute, Name, Note, ct))
        {
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

        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await portal.Statements(Contact).SingleOrDefaultAsync(s => s.Id == id, ct) is not { } statement)
        {
            return false;
        }

        Statement = statement;
        Lines = await statements.LinesAsync(id, ct);
        Name ??= Contact.ContactName;
        return true;
    }
}
