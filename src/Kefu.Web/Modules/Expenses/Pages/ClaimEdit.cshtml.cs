using Kefu.Core.Expenses;
using Kefu.Core.Money;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>The claim form (EXP-01): lines (stacked cards on a phone), receipts and travel summary from the camera, save as draft or submit. Works without JavaScript.</summary>
[Authorize(Policy = ExpensesModule.ClaimPolicy)]
public sealed class ClaimEditModel(ClaimUseCases claims, KefuDbContext db, CurrentUser current, ApprovalService approvals, AttachmentStore attachmentStore, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class LineForm
    {
        public DateOnly? Date { get; set; }
        public ExpenseCategory Category { get; set; } = ExpenseCategory.Meals;
        public string? Amount { get; set; }
        public int? ReceiptCount { get; set; }
        public string? Description { get; set; }
        public string? WorkOrders { get; set; }
        public bool NonCustomerService { get; set; }

        public bool IsBlank => Date is null && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Description);
    }

    public sealed class ClaimForm
    {
        public List<LineForm> Lines { get; set; } = [];
        public bool HasTravelSummary { get; set; }
        public bool ExceptionApproved { get; set; }
        public string? Notes { get; set; }
        public int? Version { get; set; }
    }

    private const int BlankRows = 3;

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ClaimForm Input { get; set; } = new();

    /// <summary>EXP-01: the travel summary, chosen on the form itself (also attachable later on the claim's page).</summary>
    [BindProperty] public IFormFile? TravelSummary { get; set; }

    /// <summary>PLT-02: receipt photos or scans, taken with the phone's camera on the form itself and saved with the claim.</summary>
    [BindProperty] public List<IFormFile> Receipts { get; set; } = [];

    /// <summary>The files already attached to the draft being edited.</summary>
    public IReadOnlyList<Attachment> Attached { get; private set; } = [];

    /// <summary>The largest file accepted, for the hint.</summary>
    public long MaxMegabytes => attachmentStore.MaxBytes / 1024 / 1024;

    /// <summary>A refused form posted files: the browser forgets them, so the person is asked to choose them again.</summary>
    public bool FilesNotKept { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var claim = await ClaimQueries.LoadAsync(id, current.UserId!, db, current, approvals, ct);
            if (claim is null || claim.ClaimantId != current.UserId)
            {
                return NotFound();
            }

            Input = new ClaimForm
            {
                HasTravelSummary = claim.HasTravelSummary, ExceptionApproved = claim.ExceptionApproved, Notes = claim.Notes, Version = claim.Version,
                Lines = claim.Lines.Select(x => new LineForm
                {
                    Date = DateOnly.Parse(x.Date, System.Globalization.CultureInfo.InvariantCulture), Category = Enum.Parse<ExpenseCategory>(x.Category),
                    Amount = x.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), ReceiptCount = x.ReceiptCount,
                    Description = x.Description, WorkOrders = x.WorkOrders, NonCustomerService = x.NonCustomerService,
                }).ToList(),
            };
        }

        await LoadAttachedAsync(ct);
        Pad();
        return Page();
    }

    /// <summary>EXP-01 "related work order": the claimant's own recent job sheets, offered on every line's field (a datalist: typing stays free).</summary>
    public IReadOnlyList<JobSheetSuggestion> JobSheets { get; private set; } = [];

    private async Task LoadAttachedAsync(CancellationToken ct)
    {
        Attached = Id is { } id ? await attachmentStore.ForRecordAsync(ClaimUseCases.SubjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct) : [];
        JobSheets = await JobSheetNumbers.RecentAsync(db, current.UserId!, clock, ct);
    }

    private async Task<IActionResult> FormAgainAsync(CancellationToken ct)
    {
        FilesNotKept = TravelSummary is not null || Receipts.Count > 0;
        await LoadAttachedAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? more, string? submitClaim, CancellationToken ct)
    {
        if (more is not null)
        {
            Input.Lines.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new LineForm()));
            ModelState.Clear();
            return await FormAgainAsync(ct);
        }

        var lines = new List<ClaimLineInput>();
        var rows = Input.Lines.Select((line, index) => (line, index)).Where(x => !x.line.IsBlank).ToList();
        foreach (var (line, index) in rows)
        {
            decimal? amount = null;
            if (Money.TryParseYuan(line.Amount, out var money))
            {
                amount = money.Yuan;
            }
            else
            {
                ModelState.AddModelError($"Input.Lines[{index}].Amount", l["Claims.BadAmount"]);
            }

            lines.Add(new ClaimLineInput(line.Date, line.Category, amount, line.ReceiptCount, line.Description, line.WorkOrders, line.NonCustomerService));
        }

        if (!ModelState.IsValid)
        {
            return await FormAgainAsync(ct);
        }

        var input = new ClaimInput(lines, Input.HasTravelSummary, Input.ExceptionApproved, Input.Notes, Input.Version);
        // Saving (and submitting) is one unit of work: a refusal keeps nothing, so the person stays
        // on this same form (a new one stays new) with their input and the reasons, and sends it again.
        var saved = await claims.SaveFormAsync(current.UserId!, Id, input, TravelSummary, Receipts, submit: submitClaim is not null, ct);

        switch (saved)
        {
            case ClaimResult.Ok done:
                return Redirect($"/expenses/{done.Id}");
            case ClaimResult.Invalid invalid:
                // Field names from the use case ("lines[2].amount") point at the rows that were not blank.
                foreach (var (field, messages) in invalid.Problems.Errors)
                {
                    var key = MapField(field, rows.Select(r => r.index).ToArray());
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, message);
                    }
                }

                return await FormAgainAsync(ct);
            case ClaimResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                return await FormAgainAsync(ct);
            default:
                return NotFound();
        }
    }

    private static string MapField(string field, int[] rowIndexes)
    {
        if (field.StartsWith("lines[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 6
            && int.TryParse(field[6..close], out var n) && n < rowIndexes.Length)
        {
            var rest = field[(close + 1)..].TrimStart('.');
            return $"Input.Lines[{rowIndexes[n]}].{char.ToUpperInvariant(rest[0])}{rest[1..]}";
        }

        return field switch
        {
            "lines" => "Input.Lines",
            "hasTravelSummary" => "Input.HasTravelSummary",
            "travelSummary" => nameof(TravelSummary),
            "receipts" => nameof(Receipts),
            "claim" => string.Empty,
            _ => "Input." + char.ToUpperInvariant(field[0]) + field[1..],
        };
    }

    private void Pad() => Input.Lines.AddRange(Enumerable.Range(0, Math.Max(BlankRows, 5 - Input.Lines.Count)).Select(_ => new LineForm()));
}
