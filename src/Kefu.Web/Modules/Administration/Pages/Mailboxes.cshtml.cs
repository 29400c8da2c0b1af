using Kefu.Core.Intake;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>The mailboxes read for the intake queue, their state, and the intake's numbers. Passwords are never shown back.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class MailboxesModel(PolicyStore store, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class MailboxForm
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public int? CentreId { get; set; }
        public string? Host { get; set; }
        public int? Port { get; set; } = 993;
        public SmtpSecurity? Security { get; set; } = SmtpSecurity.SslOnConnect;
        public string? Folder { get; set; } = "INBOX";
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public bool Enabled { get; set; } = true;
        public bool AcceptUntrusted { get; set; }
        public int? PollSeconds { get; set; }
        public int? MaxMessageMb { get; set; }
        public int? FirstRetrySeconds { get; set; }
        public int? MaxBodyChars { get; set; }
    }

    /// <summary>The customer portal's numbers (sign-in links, sessions, abuse limits), saved on their own.</summary>
    public sealed class PortalForm
    {
        public int? LinkMinutes { get; set; }
        public int? SessionHours { get; set; }
        public int? LinksPerAddressPerHour { get; set; }
        public int? LinksPerNetworkPerHour { get; set; }
        public int? SubmissionsPerContactPerDay { get; set; }
        public int? FilesPerSubmission { get; set; }
    }

    [BindProperty] public MailboxForm Input { get; set; } = new();
    public PortalForm Portal { get; private set; } = new();
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<MailboxDto> Mailboxes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Centres { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var policy = await store.GetAsync<IntakePolicy>(IntakePolicy.Key, ct);
        Input.PollSeconds = policy.PollSeconds;
        Input.MaxMessageMb = (int)(policy.MaxMessageBytes / 1024 / 1024);
        Input.FirstRetrySeconds = policy.FirstRetrySeconds;
        Input.MaxBodyChars = policy.MaxBodyChars;
        var portal = await store.GetAsync<PortalPolicy>(PortalPolicy.Key, ct);
        Portal = new PortalForm
        {
            LinkMinutes = portal.LinkMinutes, SessionHours = portal.SessionHours, LinksPerAddressPerHour = portal.LinksPerAddressPerHour,
            LinksPerNetworkPerHour = portal.LinksPerNetworkPerHour, SubmissionsPerContactPerDay = portal.SubmissionsPerContactPerDay, FilesPerSubmission = portal.FilesPerSubmission,
        };
    }

    public async Task<IActionResult> OnPostPortalAsync(PortalForm portal, CancellationToken ct)
    {
        Range("Portal." + nameof(PortalForm.LinkMinutes), portal.LinkMinutes, 1, 1440);
        Range("Portal." + nameof(PortalForm.SessionHours), portal.SessionHours, 1, 720);
        Range("Portal." + nameof(PortalForm.LinksPerAddressPerHour), portal.LinksPerAddressPerHour, 1, 100);
        Range("Portal." + nameof(PortalForm.LinksPerNetworkPerHour), portal.LinksPerNetworkPerHour, 1, 10_000);
        Range("Portal." + nameof(PortalForm.SubmissionsPerContactPerDay), portal.SubmissionsPerContactPerDay, 1, 1000);
        Range("Portal." + nameof(PortalForm.FilesPerSubmission), portal.FilesPerSubmission, 0, 20);
        if (!ModelState.IsValid)
        {
            Portal = portal;
            await LoadAsync(ct);
            return Page();
        }

        await store.SaveAsync(PortalPolicy.Key, new PortalPolicy
        {
            LinkMinutes = portal.LinkMinutes!.Value, SessionHours = portal.SessionHours!.Value, LinksPerAddressPerHour = portal.LinksPerAddressPerHour!.Value,
            LinksPerNetworkPerHour = portal.LinksPerNetworkPerHour!.Value, SubmissionsPerContactPerDay = portal.SubmissionsPerContactPerDay!.Value,
            FilesPerSubmission = portal.FilesPerSubmission!.Value,
        }, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Key) || Input.Key.Length > 64 || !Input.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            ModelState.AddModelError("Input.Key", l["Mailboxes.BadKey"]);
        }

        Require(nameof(Input.Name), Input.Name, 100);
        Require(nameof(Input.Host), Input.Host, 200);
        Require(nameof(Input.UserName), Input.UserName, 200);
        Range(nameof(Input.Port), Input.Port, 1, 65535);
        Range(nameof(Input.PollSeconds), Input.PollSeconds, 10, 86_400);
        Range(nameof(Input.MaxMessageMb), Input.MaxMessageMb, 1, 200);
        Range(nameof(Input.FirstRetrySeconds), Input.FirstRetrySeconds, 1, 86_400);
        Range(nameof(Input.MaxBodyChars), Input.MaxBodyChars, 1000, 200_000);
        if (Input.Security is not { } security || !Enum.IsDefined(security))
        {
            ModelState.AddModelError("Input.Security", l["NtfSettings.BadNumber"]);
        }

        if (Input.CentreId is not { } centreId || !await db.OrgUnits.AnyAsync(o => o.Id == centreId && o.Kind == OrgUnitKind.Centre, ct))
        {
            ModelState.AddModelError("Input.CentreId", l["Validation.RequiredHere"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var list = await store.GetAsync<MailboxList>(MailboxList.Key, ct);
        var old = list.Mailboxes.FirstOrDefault(m => m.Key == Input.Key);
        var mailbox = new MailboxSettings
        {
            Key = Input.Key!, Name = Input.Name!.Trim(), Enabled = Input.Enabled, Host = Input.Host!.Trim(), Port = Input.Port!.Value, Security = Input.Security!.Value,
            AcceptUntrustedCertificate = Input.AcceptUntrusted, UserName = Input.UserName!.Trim(),
            // A blank password keeps the stored one; it is never shown back.
            Password = string.IsNullOrEmpty(Input.Password) ? old?.Password : Input.Password,
            Folder = string.IsNullOrWhiteSpace(Input.Folder) ? "INBOX" : Input.Folder.Trim(), CentreId = Input.CentreId!.Value,
        };
        await store.SaveAsync(MailboxList.Key, list with { Mailboxes = [.. list.Mailboxes.Where(m => m.Key != mailbox.Key), mailbox] }, User.Identity?.Name, ct);
        var policy = await store.GetAsync<IntakePolicy>(IntakePolicy.Key, ct);
        await store.SaveAsync(IntakePolicy.Key, policy with
        {
            PollSeconds = Input.PollSeconds!.Value, MaxMessageBytes = Input.MaxMessageMb!.Value * 1024L * 1024, FirstRetrySeconds = Input.FirstRetrySeconds!.Value,
            MaxBodyChars = Input.MaxBodyChars!.Value,
        }, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    private void Require(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            ModelState.AddModelError("Input." + field, l["Validation.RequiredHere"]);
        }
    }

    private void Range(string field, int? value, int min, int max)
    {
        if (value is not { } v || v < min || v > max)
        {
            ModelState.AddModelError(field.Contains('.', StringComparison.Ordinal) ? field : "Input." + field, l["Policy.OutOfRange", min, max]);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Mailboxes = await IntakeModule.MailboxesAsync(store, db, ct);
        Centres = (await db.OrgUnits.AsNoTracking().Where(o => o.Kind == OrgUnitKind.Centre && o.IsActive).OrderBy(o => o.Path).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToArray();
    }
}
