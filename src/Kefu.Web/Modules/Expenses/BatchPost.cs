using System.Globalization;
using Kefu.Core.Expenses;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

/// <summary>What became of a request to mail a batch.</summary>
public enum MailOutcome
{
    Mailed,
    NotFound,
    Refused,
    AlreadyMailed,
}

/// <summary>
/// EXP-12: the paper's way to HQ. The supervisor mails the batch once the branch GM has signed every
/// form; the lists go to the HQ auditors by email; a late batch is not reimbursed and alarms the CS
/// managers; HQ marks each form received, which starts the auditor's deadline.
/// </summary>
public sealed class BatchPost(
    KefuDbContext db, ClaimBatches batches, ClaimUseCases claims, ApprovalService approvals, PolicyStore policies, CalendarService calendars,
    Notifier notifier, TimeProvider clock)
{
    public const string RecordType = "ClaimBatch";
    public const string MailEvent = "ExpenseBatchLists";

    public async Task<(MailOutcome Outcome, ProblemBuilder Problems)> MailAsync(int batchId, ScopeViewer viewer, string userId, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var batch = await db.Set<ClaimBatch>().Where(b => b.Id == batchId).SingleOrDefaultAsync(ct);
        if (batch is null || !await batches.Visible(viewer).AnyAsync(b => b.Id == batchId, ct))
        {
            return (MailOutcome.NotFound, problems);
        }

        if (batch.MailedAt is not null)
        {
            return (MailOutcome.AlreadyMailed, problems);
        }

        var forms = await batches.PaperFormsAsync(batchId, ct);
        var check = PaperFlow.CheckForMailing(forms.Select(f => f.Form));
        if (!check.MayMail)
        {
            problems.Add("claims", check.Empty ? "Batch.NothingToMail" : "Batch.AwaitingSignature", string.Join("、", check.AwaitingSignature));
            return (MailOutcome.Refused, problems);
        }

        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, batch.OrgPath, ct);
        var now = clock.GetUtcNow();
        var mailedOn = DateOnly.FromDateTime(calendar.ToCalendarTime(now).DateTime);
        batch.MailedAt = now.UtcDateTime;
        batch.MailedBy = userId;
        batch.Late = PaperFlow.IsLate(batch.BatchDate, mailedOn, policy.LateBatchGraceDays);
        var centre = await db.OrgUnits.AsNoTracking().Where(u => u.Id == batch.CentreId).Select(u => u.Name).SingleAsync(ct);
        var date = batch.BatchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var link = $"/expenses/batches/{batch.Id.ToString(CultureInfo.InvariantCulture)}";
        if (batch.Late)
        {
            await NotReimbursedAsync(forms.Where(f => f.Form.State == FormChainState.Pending).Select(f => f.ClaimId).ToArray(), date, ct);
            // 考核规定 3): the centre's late forms are not paid; the CS manager hears of it at once.
            await notifier.EnqueueAsync(new NotificationRequest("ExpenseBatchLate", await HoldersAsync(Role.CsManager, ct),
                [centre, date, mailedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], link, RecordType, batch.Id.ToString(CultureInfo.InvariantCulture)), ct);
        }

        await MailListsAsync(viewer, batch, centre, ct);
        await db.SaveChangesAsync(ct);
        return (MailOutcome.Mailed, problems);
    }

    /// <summary>EXP-06/EXP-12: HQ marks a paper form received; the auditor's deadline for it starts now.</summary>
    public async Task<bool> MarkReceivedAsync(int batchId, int claimId, string by, CancellationToken ct)
    {
        var item = await db.Set<ClaimBatchItem>().SingleOrDefaultAsync(i => i.BatchId == batchId && i.ClaimId == claimId, ct);
        if (item is null)
        {
            return false;
        }

        if (item.ReceivedAt is not null)
        {
            return true;
        }

        item.ReceivedAt = clock.GetUtcNow().UtcDateTime;
        item.ReceivedBy = by;
        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        if (policy.PaperReceiptStartsAuditorClock)
        {
            await approvals.RestartStepClockAsync(await claims.ChainAsync(policy, ct), ClaimUseCases.SubjectType,
                claimId.ToString(CultureInfo.InvariantCulture), PaperFlow.AuditorStep, ct);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>EXP-12 / 考核规定 3): every line of the late batch's forms still in review is not reimbursed.</summary>
    private async Task NotReimbursedAsync(IReadOnlyCollection<int> claimIds, string batchDate, CancellationToken ct)
    {
        var reason = LocalText.Of("Expense.LateBatchReason", batchDate).Store(500);
        foreach (var claim in await db.Set<ExpenseClaim>().Include(c => c.Lines).Where(c => claimIds.Contains(c.Id)).ToListAsync(ct))
        {
            foreach (var line in claim.Lines)
            {
                line.Rejected = true;
                line.ReviewReason = reason;
            }

            ClaimUseCases.Recalculate(claim);
            claim.Version++;
        }
    }

    /// <summary>EXP-12: the detail list, the summary and the non-CS list, as one workbook, to every HQ expense auditor.</summary>
    private async Task MailListsAsync(ScopeViewer viewer, ClaimBatch batch, string centre, CancellationToken ct)
    {
        var dto = (await batches.GetAsync(viewer with { Scope = DataScope.Company }, batch.Id, ct))!;
        var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
        string T(string key, params object?[] args) => LocalText.Of(key, args).Render(chinese);
        var detail = dto.People.SelectMany(p => p.Claims.Select(c => (p.Claimant, Claim: c))).ToList();
        var xlsx = TableExport.Workbook(
            wb => TableExport.AddSheet(wb, T("Batches.DetailSheet"), [
                new ExportColumn<(string Claimant, BatchClaimDto Claim)>(T("Claims.Claimant"), r => r.Claimant),
                new(T("Claims.Number"), r => r.Claim.Number),
                new(T("Claims.Claimed"), r => r.Claim.Claimed),
                new(T("Claims.Payable"), r => r.Claim.Payable),
                new(T("Reports.NonCs"), r => r.Claim.NonCustomerService),
            ], detail),
            wb => TableExport.AddSheet(wb, T("Batches.SummarySheet"), [
                new ExportColumn<KeyValuePair<string, decimal>>(T("Claims.Category"), r => T("ExpenseCategory." + r.Key)),
                new(T("Claims.Amount"), r => r.Value),
            ], [.. dto.ByCategory, new KeyValuePair<string, decimal>("Total", dto.Total)]),
            wb => TableExport.AddSheet(wb, T("Reports.NonCs"), [
                new ExportColumn<NonCsLineDto>(T("Claims.Number"), r => r.Number),
                new(T("Claims.Claimant"), r => r.Claimant),
                new(T("Claims.Date"), r => r.Date),
                new(T("Claims.Category"), r => T("ExpenseCategory." + r.Category)),
                new(T("Claims.Description"), r => r.Description),
                new(T("Claims.Amount"), r => r.Amount),
            ], dto.NonCustomerService));
        var date = dto.BatchDate;
        var subject = T("Batches.MailSubject", centre, date);
        var body = T("Batches.MailBody", centre, date, dto.Forms, Money.FromYuan(dto.Total).ToString(), dto.TotalInCapitals, dto.NonCustomerService.Count)
            .Replace("\\n", "\n", StringComparison.Ordinal);
        var auditors = await HoldersAsync(Role.ExpenseAuditor, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var email in await db.Users.AsNoTracking().Where(u => auditors.Contains(u.Id) && u.Email != null && u.Email != "").Select(u => u.Email!).ToListAsync(ct))
        {
            var message = new OutboxMessage
            {
                Channel = NotificationChannel.Email, Recipient = email, EventKey = MailEvent, Subject = subject.Length <= 300 ? subject : subject[..300], Body = body,
                Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, RelatedType = RecordType, RelatedId = batch.Id.ToString(CultureInfo.InvariantCulture),
            };
            message.Attachments.Add(new OutboxAttachment
            {
                FileName = $"batch-{batch.Id.ToString(CultureInfo.InvariantCulture)}-{date}.xlsx", ContentType = TableExport.XlsxContentType, Content = xlsx,
            });
            db.Add(message);
        }
    }

    /// <summary>Active staff holding a company-wide role (the HQ auditors, the CS managers).</summary>
    private async Task<IReadOnlyCollection<string>> HoldersAsync(Role role, CancellationToken ct)
    {
        var name = KefuRoles.Name(role);
        return await (from u in db.Users.AsNoTracking()
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == name && u.Status == StaffStatus.Active
                      select u.Id).ToListAsync(ct);
    }
}
