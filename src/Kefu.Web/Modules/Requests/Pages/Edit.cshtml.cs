using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>Writes a memo or fills a request (phone first: one column of full-width fields), saves it as a draft or sends it (APR-02..04).</summary>
public sealed class EditModel(RequestUseCases requests, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int NewLines = 2;

    public sealed class LineForm
    {
        public string? Product { get; set; }
        public string? Specification { get; set; }
        public int? Quantity { get; set; }
        public string? Unit { get; set; }
        public string? Notes { get; set; }
    }

    /// <summary>Every kind's fields; each kind's page shows and sends its own.</summary>
    public sealed class RequestFormInput
    {
        public int? ToUnitId { get; set; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
        public DateOnly? ReplyBy { get; set; }
        public int? CustomerId { get; set; }
        public string? CustomerName { get; set; }
        public string? Contact { get; set; }
        public string? Phone { get; set; }
        public string? Address { get; set; }
        public string? Purpose { get; set; }
        public string? ExpectedOrder { get; set; }
        public List<LineForm> Lines { get; set; } = [];
        public string? Region { get; set; }
        public string? DealerLevel { get; set; }
        public string? RegularPolicy { get; set; }
        public string? RequestedPolicy { get; set; }
        public string? Reason { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public DateOnly? ValidTo { get; set; }
        public decimal? AmountYuan { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Segment { get; set; }
    [BindProperty] public RequestFormInput Input { get; set; } = new();

    public RequestKind Kind { get; private set; }
    public string? Number { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(int Id, string Number, string Name)> Customers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(fill: true, ct) is { } refusal)
        {
            return refusal;
        }

        if (Id is null && Kind == RequestKind.Sample)
        {
            Input.Lines = [.. Enumerable.Range(0, NewLines).Select(_ => new LineForm())];
        }

        return Page();
    }

    /// <summary>Saves (a draft) and, with <paramref name="send"/>, sends it into its chain; <paramref name="more"/> adds a sample line.</summary>
    public async Task<IActionResult> OnPostAsync(bool send, bool more, CancellationToken ct)
    {
        if (await LoadAsync(fill: false, ct) is { } refusal)
        {
            return refusal;
        }

        if (more)
        {
            Input.Lines.Add(new LineForm());
            ModelState.Clear();
            return Page();
        }

        var viewer = await requests.ViewerAsync(current, ct);
        var input = ToInput();
        var saved = Id is { } id
            ? await requests.UpdateAsync(Kind, viewer, id, input, Input.Version, ct)
            : await requests.CreateAsync(Kind, viewer, input, ct);
        if (saved is RequestResult.Ok ok && send)
        {
            Id = ok.Form.Id;
            saved = await requests.SubmitAsync(Kind, viewer, ok.Form.Id, ct);
            if (saved is not RequestResult.Ok)
            {
                // Saved as a draft but not sent: the writer fixes the form and sends it from here.
                Input.Version = ok.Form.Version;
            }
        }

        switch (saved)
        {
            case RequestResult.Ok done:
                TempData["Message"] = l[send ? "Requests.Sent" : "Requests.Saved"].Value;
                return Redirect(RequestUseCases.Link(done.Form.Id));
            case RequestResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case RequestResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Requests.WrongState"]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    private object ToInput()
    {
        var i = Input;
        return Kind switch
        {
            RequestKind.Memo => new MemoInput(i.ToUnitId, i.Subject, i.Body, i.ReplyBy, i.Version),
            RequestKind.Sample => new SampleInput(i.CustomerId, i.CustomerName, i.Contact, i.Phone, i.Address, i.Purpose, i.ExpectedOrder,
                i.Lines.Where(x => !string.IsNullOrWhiteSpace(x.Product) || x.Quantity is not null || !string.IsNullOrWhiteSpace(x.Specification))
                    .Select(x => new SampleLineInput(x.Product, x.Specification, x.Quantity, x.Unit, x.Notes)).ToArray(), i.Version),
            RequestKind.SpecialPolicy => new PolicyInput(i.CustomerId, i.CustomerName, i.Contact, i.Phone, i.Region, i.DealerLevel, i.RegularPolicy,
                i.RequestedPolicy, i.Reason, i.ValidFrom, i.ValidTo, i.AmountYuan, i.Version),
        };
    }

    /// <summary>The kind (from the form being edited, or ?kind= for a new one), the caller's right to write it, and the choices.</summary>
    private async Task<IActionResult?> LoadAsync(bool fill, CancellationToken ct)
    {
        RequestForm? form = null;
        if (Id is { } id)
        {
            form = await db.Set<RequestForm>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == current.UserId, ct);
            if (form is null)
            {
                return NotFound();
            }

            if (form.Status is not (RequestStatus.Draft or RequestStatus.Returned))
            {
                return Redirect(RequestUseCases.Link(id));
            }

            Kind = form.Kind;
            Number = form.Number;
        }
        else if (RequestsModule.KindOf(Segment) is { } kind)
        {
            Kind = kind;
        }
        else
        {
            return NotFound();
        }

        if (!RequestsModule.CanWrite(User, Kind))
        {
            return Forbid();
        }

        var me = await current.GetUserAsync(ct);
        var english = Platform.Localization.LocalizationSetup.IsEnglish;
        if (Kind == RequestKind.Memo)
        {
            var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Kind != OrgUnitKind.Company && u.Id != me.OrgUnitId).OrderBy(u => u.Path).ToListAsync(ct);
            Units = units.Select(u => (u.Id, new string('\u3000', Math.Max(0, OrgPath.Ids(u.Path).Count - 2)) + u.DisplayName(english))).ToArray();
        }
        else
        {
            var customers = await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).OrderBy(c => c.Number).Take(200)
                .Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct);
            Customers = customers.Select(c => (c.Id, c.Number, c.Name)).ToArray();
        }

        if (fill && form is not null)
        {
            var lines = await db.Set<SampleLine>().AsNoTracking().Where(x => x.RequestId == form.Id).OrderBy(x => x.LineNo).ToListAsync(ct);
            Input = new RequestFormInput
            {
                ToUnitId = form.ToUnitId, Subject = form.Kind == RequestKind.Memo ? form.Title : null, Body = form.Kind == RequestKind.Memo ? form.Body : null,
                ReplyBy = form.ReplyBy, CustomerId = form.CustomerId, CustomerName = form.CustomerId is null && form.Kind != RequestKind.Memo ? form.Title : null,
                Contact = form.Contact, Phone = form.Phone, Address = form.Address, Purpose = form.Kind == RequestKind.Sample ? form.Body : null,
                ExpectedOrder = form.ExpectedOrder, Region = form.Region, DealerLevel = form.DealerLevel, RegularPolicy = form.RegularPolicy,
                RequestedPolicy = form.RequestedPolicy, Reason = form.Kind == RequestKind.SpecialPolicy ? form.Body : null, ValidFrom = form.ValidFrom,
                ValidTo = form.ValidTo, AmountYuan = form.AmountFen is { } fen ? fen / 100m : null, Version = form.Version,
                Lines = [.. lines.Select(x => new LineForm { Product = x.Product, Specification = x.Specification, Quantity = x.Quantity, Unit = x.Unit, Notes = x.Notes })],
            };
        }

        return null;
    }
}
