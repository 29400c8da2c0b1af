using Kefu.Core.Intake;
using Kefu.Web.Data;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Quartz;

namespace Kefu.Web.Modules.Intake;

/// <summary>
/// Reads every configured mailbox that is due over IMAP (MailKit), oldest UID first. A mailbox that
/// is down is tried again after a delay that doubles with each failure; its state is kept for the
/// administrator. A message too large or not parseable is kept by what could be read.
/// </summary>
public sealed class MailboxPoller(IServiceScopeFactory scopes, PolicyStore policies, KefuDbContext db, IConfiguration configuration, TimeProvider clock, ILogger<MailboxPoller> logger)
{
    /// <summary>Polls each due mailbox once; returns the number of messages taken.</summary>
    public async Task<int> PollDueAsync(bool force, CancellationToken ct)
    {
        var list = await policies.GetAsync<MailboxList>(MailboxList.Key, ct);
        var policy = await policies.GetAsync<IntakePolicy>(IntakePolicy.Key, ct);
        var taken = 0;
        foreach (var mailbox in list.Mailboxes.Where(m => m.Enabled && !string.IsNullOrWhiteSpace(m.Host)))
        {
            var state = await StateAsync(mailbox.Key, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (!force && state.NextAttemptAt is { } next && next > now)
            {
                continue;
            }

            state.LastRunAt = now;
            try
            {
                var (count, validity, lastUid) = await PollAsync(mailbox, state.UidValidity, state.LastUid, policy, ct);
                taken += count;
                state.LastUid = validity == state.UidValidity ? Math.Max(lastUid, state.LastUid) : lastUid;
                state.UidValidity = validity;
                state.Taken += count;
                state.Failures = 0;
                state.LastError = null;
                state.LastSuccessAt = clock.GetUtcNow().UtcDateTime;
                state.NextAttemptAt = state.LastSuccessAt.Value.AddSeconds(policy.PollSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                state.Failures++;
                state.LastError = Cut(e.Message, 1000);
                state.NextAttemptAt = clock.GetUtcNow().UtcDateTime + IntakeLimits.RetryAfter(state.Failures, policy);
                logger.LogWarning("Mailbox {Mailbox} failed ({Failures} in a row): {Error}", mailbox.Key, state.Failures, e.Message);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node saved the state meanwhile; its view is as good as ours, and the UIDs are guarded by the index.
                db.ChangeTracker.Clear();
            }
        }

        return taken;
    }

    private async Task<MailboxState> StateAsync(string key, CancellationToken ct)
    {
        if (await db.Set<MailboxState>().SingleOrDefaultAsync(s => s.Key == key, ct) is { } state)
        {
            return state;
        }

        state = new MailboxState { Key = key };
        db.Add(state);
        try
        {
            await db.SaveChangesAsync(ct);
            return state;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Set<MailboxState>().SingleAsync(s => s.Key == key, ct);
        }
    }

    private async Task<(int Taken, long Validity, long LastUid)> PollAsync(MailboxSettings mailbox, long knownValidity, long lastUid, IntakePolicy policy, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = Math.Max(1, mailbox.TimeoutSeconds) * 1000 };
        client.ServerCertificateValidationCallback = (_, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || mailbox.AcceptUntrustedCertificate;
        await client.ConnectAsync(mailbox.Host, mailbox.Port, Options(mailbox.Security), ct);
        await client.AuthenticateAsync(mailbox.UserName, mailbox.Password ?? "", ct);
        var folder = await client.GetFolderAsync(string.IsNullOrWhiteSpace(mailbox.Folder) ? "INBOX" : mailbox.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);
        var validity = (long)folder.UidValidity;
        // A new UIDVALIDITY renumbers the folder: start again from the first UID; Message-IDs keep taken messages out.
        var after = validity == knownValidity ? lastUid : 0;
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)validity, (uint)Math.Min(after + 1, uint.MaxValue)), UniqueId.MaxValue)), ct))
            .Where(u => u.Id > after).OrderBy(u => u.Id).Take(Math.Max(1, policy.MessagesPerRun)).ToList();
        var taken = 0;
        var last = after;
        if (uids.Count > 0)
        {
            var summaries = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, ct);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                var received = summary.InternalDate ?? clock.GetUtcNow();
                IncomingMail mail;
                if (IntakeLimits.Fit(summary.Size, policy) == MessageFit.HeadersOnly)
                {
                    mail = await HeadersOnlyAsync(folder, summary.UniqueId, received, "TooLarge", ct);
                }
                else
                {
                    try
                    {
                        using var message = await folder.GetMessageAsync(summary.UniqueId, ct);
                        mail = IncomingMail.From(message, received, null, AttachmentLimit());
                    }
                    catch (Exception e) when (e is FormatException or ParseException)
                    {
                        mail = await HeadersOnlyAsync(folder, summary.UniqueId, received, "Malformed", ct);
                    }
                }

                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<MailTaker>().TakeAsync(mailbox, validity, summary.UniqueId.Id, mail, ct);
                taken += outcome == TakeOutcome.AlreadyTaken ? 0 : 1;
                last = summary.UniqueId.Id;
            }
        }

        await client.DisconnectAsync(true, ct);
        return (taken, validity, last);

        long AttachmentLimit() => AttachmentStore.MaxBytesOf(configuration);
    }

    /// <summary>
    /// The headers of a message that is not read whole; when even they cannot be parsed the item
    /// keeps only the arrival time and the problem, so one bad message never stops the mailbox.
    /// </summary>
    private static async Task<IncomingMail> HeadersOnlyAsync(IMailFolder folder, UniqueId uid, DateTimeOffset received, string problem, CancellationToken ct)
    {
        try
        {
            return IncomingMail.FromHeaders(await folder.GetHeadersAsync(uid, ct), received, problem);
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            return new IncomingMail(null, null, [], "", null, "", null, received, [], "Malformed");
        }
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The scheduled read of the mailboxes; each mailbox's own interval and back-off decide whether it is read on a tick.</summary>
[DisallowConcurrentExecution]
public sealed class MailboxPollJob(MailboxPoller poller) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await poller.PollDueAsync(false, cancellationToken);
}
