using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>NTF-01: configure the outside channels, send a test, watch the outbox.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class NotificationSettingsModel(PolicyStore store, ChannelTester tester, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class SettingsForm
    {
        public bool SmtpEnabled { get; set; }
        public string? SmtpHost { get; set; }
        public int? SmtpPort { get; set; } = 25;
        public SmtpSecurity? SmtpSecurity { get; set; } = Platform.Notifications.SmtpSecurity.None;
        public int? SmtpTimeoutSeconds { get; set; } = 15;
        public bool SmtpAcceptUntrusted { get; set; }
        public string? SmtpFrom { get; set; } = "kefu@localhost";
        public string? SmtpUser { get; set; }
        public string? SmtpPassword { get; set; }
        public bool WeComEnabled { get; set; }
        public string? WeComWebhook { get; set; }
        public bool DingTalkEnabled { get; set; }
        public string? DingTalkWebhook { get; set; }
        public bool SmsEnabled { get; set; }
        public string? SmsGatewayUrl { get; set; }
        public string? SmsKey { get; set; }
        public int? FirstRetrySeconds { get; set; } = 30;
        public int? MaxAttempts { get; set; } = 8;
    }

    [BindProperty] public SettingsForm Input { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public ChannelSettingsDto Current { get; private set; } = null!;
    public IReadOnlyList<OutboxMessage> Outbox { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new SettingsForm
        {
            SmtpEnabled = Current.SmtpEnabled, SmtpHost = Current.SmtpHost, SmtpPort = Current.SmtpPort, SmtpSecurity = Current.SmtpSecurity,
            SmtpTimeoutSeconds = Current.SmtpTimeoutSeconds, SmtpAcceptUntrusted = Current.SmtpAcceptUntrustedCertificate,
            SmtpFrom = Current.SmtpFrom, SmtpUser = Current.SmtpUser, WeComEnabled = Current.WeComEnabled, DingTalkEnabled = Current.DingTalkEnabled,
            SmsEnabled = Current.SmsEnabled, SmsGatewayUrl = Current.SmsGatewayUrl, FirstRetrySeconds = Current.FirstRetrySeconds, MaxAttempts = Current.MaxAttempts,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var old = await store.GetAsync<NotificationSettings>(NotificationSettings.Key, ct);
        if (Input.SmtpPort is not (>= 1 and <= 65535))
        {
            ModelState.AddModelError("Input.SmtpPort", l["NtfSettings.BadPort"]);
        }

        if (Input.SmtpSecurity is not { } security || !Enum.IsDefined(security))
        {
            ModelState.AddModelError("Input.SmtpSecurity", l["NtfSettings.BadNumber"]);
        }

        if (Input.SmtpTimeoutSeconds is not (>= 1 and <= 600))
        {
            ModelState.AddModelError("Input.SmtpTimeoutSeconds", l["NtfSettings.BadNumber"]);
        }

        if (Input.SmtpEnabled && !System.Net.Mail.MailAddress.TryCreate(Input.SmtpFrom, out _))
        {
            ModelState.AddModelError("Input.SmtpFrom", l["Validation.Email"]);
        }

        CheckUrl(nameof(Input.WeComWebhook), Input.WeComWebhook);
        CheckUrl(nameof(Input.DingTalkWebhook), Input.DingTalkWebhook);
        CheckUrl(nameof(Input.SmsGatewayUrl), Input.SmsGatewayUrl);
        if (Input.FirstRetrySeconds is not (>= 1 and <= 86400))
        {
            ModelState.AddModelError("Input.FirstRetrySeconds", l["NtfSettings.BadNumber"]);
        }

        if (Input.MaxAttempts is not (>= 1 and <= 50))
        {
            ModelState.AddModelError("Input.MaxAttempts", l["NtfSettings.BadNumber"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        // A blank secret keeps the stored one; secrets are never shown back.
        var settings = old with
        {
            Smtp = new SmtpSettings
            {
                Enabled = Input.SmtpEnabled, Host = Input.SmtpHost?.Trim(), Port = Input.SmtpPort!.Value,
                Security = Input.SmtpSecurity!.Value, TimeoutSeconds = Input.SmtpTimeoutSeconds!.Value, AcceptUntrustedCertificate = Input.SmtpAcceptUntrusted,
                From = Input.SmtpFrom?.Trim() ?? "kefu@localhost", UserName = Input.SmtpUser?.Trim(),
                Password = string.IsNullOrEmpty(Input.SmtpPassword) ? old.Smtp.Password : Input.SmtpPassword,
            },
            WeCom = new WebhookSettings { Enabled = Input.WeComEnabled, WebhookUrl = string.IsNullOrWhiteSpace(Input.WeComWebhook) ? old.WeCom.WebhookUrl : Input.WeComWebhook.Trim() },
            DingTalk = new WebhookSettings { Enabled = Input.DingTalkEnabled, WebhookUrl = string.IsNullOrWhiteSpace(Input.DingTalkWebhook) ? old.DingTalk.WebhookUrl : Input.DingTalkWebhook.Trim() },
            Sms = new SmsSettings { Enabled = Input.SmsEnabled, GatewayUrl = Input.SmsGatewayUrl?.Trim(), ApiKey = string.IsNullOrEmpty(Input.SmsKey) ? old.Sms.ApiKey : Input.SmsKey },
            FirstRetrySeconds = Input.FirstRetrySeconds!.Value,
            MaxAttempts = Input.MaxAttempts!.Value,
        };
        await store.SaveAsync(NotificationSettings.Key, settings, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string? channel, string? to, CancellationToken ct)
    {
        var (result, problems) = await tester.TestAsync(channel ?? "", to, ct);
        Message = result is null
            ? string.Join(" ", problems.Errors.SelectMany(e => e.Value))
            : result.Error is null ? l["NtfSettings.TestSent", result.MessageId].Value : l["NtfSettings.TestFailed", result.MessageId, result.Error].Value;
        return RedirectToPage();
    }

    private void CheckUrl(string field, string? url)
    {
        if (!string.IsNullOrWhiteSpace(url) && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            ModelState.AddModelError("Input." + field, l["NtfSettings.BadUrl"]);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = ChannelSettingsDto.From(await store.GetAsync<NotificationSettings>(NotificationSettings.Key, ct));
        Outbox = await db.Set<OutboxMessage>().AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(ct);
    }
}
