using Kefu.Core.Approvals;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Orders.Pages;

public sealed record HistoryLine(DateTime At, string StepKey, ApprovalAction Action, string Actor, string? Comment);

/// <summary>ORD-03: one handover form: its terms, the submitter's submit, the current approver's decision and the history.</summary>
[Authorize]
public sealed class HandoverDetailModel(HandoverUseCases handovers, ApprovalService approvals, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }
    public HandoverDto Form { get; private set; } = null!;
    public IReadOnlyList<HistoryLine> History { get; private set; } = [];
    public bool IsOwner => Form.OwnerId == current.UserId;
    public bool IsApprover { get; private set; }
    public bool IsLeader => OrdersModule.Leaders.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (!OrdersModule.HandoverFillers.Any(r => User.IsInRole(KefuRoles.Name(r))))
        {
            return Forbid();
        }

        var (form, problems, conflict) = await handovers.SubmitAsync(await current.GetViewerAsync(ct), current.UserId!, Id, ct);
        if (form is null)
        {
            return NotFound();
        }

        if (conflict)
        {
            ModelState.AddModelError(string.Empty, l["Orders.WrongStatus"]);
        }
        else if (problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
        }
        else
        {
            Message = l["Handovers.SubmittedDone"];
            return Redirect($"/orders/handovers/{Id}");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSpecialAsync(string? reason, CancellationToken ct)
    {
        if (!IsLeader)
        {
            return Forbid();
        }

        var (form, problems, conflict) = await handovers.GrantSpecialProcedureAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new SpecialProcedureInput(reason), ct);
        if (form is null)
        {
            return NotFound();
        }

        if (conflict || problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
            if (conflict)
            {
                ModelState.AddModelError(string.Empty, l["Orders.WrongStatus"]);
            }

            return await LoadAsync(ct) ? Page() : NotFound();
        }

        Message = l["Handovers.SpecialGranted"];
        return Redirect($"/orders/handovers/{Id}");
    }

    public async Task<IActionResult> OnPostDecideAsync(string? stepKey, ApprovalAction? action, string? comment, CancellationToken ct)
    {
        var (form, problems, outcome) = await handovers.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new HandoverDecisionInput(stepKey, action, comment), ct);
        if (form is null)
        {
            return NotFound();
        }

        switch (outcome)
        {
            case ApprovalOutcome.Done:
                Message = l["Handovers.Decided"];
                return Redirect($"/orders/handovers/{Id}");
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }:
                ModelState.AddModelError(string.Empty, l["Expense.CommentRequired"]);
                break;
            case ApprovalOutcome.NoApprover missing:
                ModelState.AddModelError(string.Empty, l["Orders.NoApprover", missing.StepKey, missing.Role]);
                break;
            case null:
                problems.CopyToSummary(ModelState);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Orders.WrongStatus"]);
                break;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (instance, history) = await approvals.ForSubjectAsync(HandoverUseCases.SubjectType, HandoverUseCases.Key(Id), ct);
        var entity = await handovers.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(h => h.Id == Id, ct);
        IsApprover = instance is { Status: ApprovalStatus.Pending } && instance.CurrentApproverId == current.UserId;
        // An approver outside the form's scope still sees what they are asked to approve.
        entity ??= IsApprover ? await db.Set<CustomerHandover>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == Id, ct) : null;
        if (entity is null)
        {
            return false;
        }

        Form = await handovers.ToDtoAsync(entity, ct);
        var actors = history.Select(h => h.ActorId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        History = history.Select(h => new HistoryLine(h.At, h.StepKey, h.Action, names.GetValueOrDefault(h.ActorId, ""), h.Comment)).ToArray();
        return true;
    }
}
