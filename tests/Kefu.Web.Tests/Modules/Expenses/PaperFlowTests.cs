using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Sla;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>
/// EXP-12, the paper's way to HQ (seed 000, 报销审核流程 2) and 注明; 考核规定 3)): each test uses its own
/// centre, since a batch takes every unbatched form of the centre.
/// </summary>
public abstract class PaperFlowTests(ClockApp app)
{
    private static readonly DateTimeOffset Monday = China(9, 14, 10); // Monday 14 Sep 2026; the next batch day is Sunday the 20th (a make-up working day)

    private static DateTimeOffset China(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(string user, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private async Task<int> SubmittedClaimAsync(string user, decimal amount)
    {
        var lines = new JsonArray(new JsonObject
        {
            ["date"] = "2026-09-10", ["category"] = "Meals", ["amount"] = amount, ["receiptCount"] = 1, ["description"] = "客户现场午餐", ["workOrders"] = "WX-1",
        });
        var (created, claim) = await PostAsync(user, "/api/expenses/claims", new { lines });
        Assert.True(created == HttpStatusCode.Created, claim?.ToJsonString());
        var id = (int)claim!["id"]!;
        var (submitted, body) = await PostAsync(user, $"/api/expenses/claims/{id}/submit");
        Assert.True(submitted == HttpStatusCode.OK, body?.ToJsonString());
        return id;
    }

    private async Task ApproveAsync(string user, int id, string step)
    {
        var (status, body) = await PostAsync(user, $"/api/expenses/claims/{id}/decision", new { stepKey = step, action = "Approve" });
        Assert.True(status == HttpStatusCode.OK, $"{user} {step}: {(int)status} {body?.ToJsonString()}");
    }

    private async Task<JsonObject> BuildBatchAsync(string supervisor)
    {
        var (status, batch) = await PostAsync(supervisor, "/api/expenses/batches");
        Assert.True(status == HttpStatusCode.Created, batch?.ToJsonString());
        return batch!;
    }

    /// <summary>Every deadline of the auditor's step in the claim's latest approval.</summary>
    private Task<List<SlaTimer>> AuditorTimersAsync(int claimId) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var subject = claimId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var instance = (await db.Set<ApprovalInstance>().AsNoTracking().Where(i => i.SubjectType == ClaimUseCases.SubjectType && i.SubjectId == subject)
                .MaxAsync(i => i.Id)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == instance).ToListAsync())
                .Where(t => ApprovalService.StepKeyOf(t) == "auditor").OrderBy(t => t.Id).ToList();
        });

    [ProviderFact]
    public async Task EXP_12_the_gm_signs_every_form_before_the_batch_is_mailed_and_the_lists_are_emailed_to_the_hq_auditor()
    {
        app.Clock.Set(Monday);
        var signed = await SubmittedClaimAsync("sh.eng1", 88m);
        var waiting = await SubmittedClaimAsync("sh.eng2", 66m);
        await ApproveAsync("sh.sup", signed, "supervisor");
        await ApproveAsync("east.gm", signed, "branch-gm");
        var batch = await BuildBatchAsync("sh.sup");
        var id = (int)batch["id"]!;
        var waitingNumber = batch["people"]!.AsArray().SelectMany(p => p!["claims"]!.AsArray()).Single(c => (int)c!["claimId"]! == waiting)!["number"]!.GetValue<string>();
        Assert.Equal([waitingNumber], batch["awaitingSignature"]!.AsArray().Select(n => (string)n!));

        // A form without the GM's signature: HQ would not accept the batch, so it is not mailed (nothing saved).
        var (refused, problem) = await PostAsync("sh.sup", $"/api/expenses/batches/{id}/mail");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains(waitingNumber, problem!["errors"]!["claims"]![0]!.GetValue<string>());
        Assert.Null(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<ClaimBatch>().AsNoTracking().Where(b => b.Id == id).Select(b => b.MailedAt).SingleAsync()));

        // Not the centre's supervisor: another centre's supervisor does not see the batch.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("hz.sup", $"/api/expenses/batches/{id}/mail")).Status);

        await ApproveAsync("sh.sup", waiting, "supervisor");
        await ApproveAsync("east.gm", waiting, "branch-gm");
        var before = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().Select(m => m.Id).DefaultIfEmpty().MaxAsync());
        var (mailed, body) = await PostAsync("sh.sup", $"/api/expenses/batches/{id}/mail");
        Assert.True(mailed == HttpStatusCode.OK, body?.ToJsonString());
        Assert.NotNull((string?)body!["mailedAt"]);
        Assert.False((bool)body["late"]!);
        Assert.All(body["people"]!.AsArray().SelectMany(p => p!["claims"]!.AsArray()), c => Assert.True((bool)c!["signedByGm"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("sh.sup", $"/api/expenses/batches/{id}/mail")).Status);

        // The detail list, the summary and the non-CS list go to the HQ auditor, as one workbook.
        var mail = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().AsNoTracking().Include(m => m.Attachments)
            .SingleAsync(m => m.Id > before && m.EventKey == BatchPost.MailEvent));
        Assert.Equal("auditor@demo.kefu.local", mail.Recipient);
        Assert.Contains("上海", mail.Subject);
        var file = Assert.Single(mail.Attachments);
        var workbook = new XSSFWorkbook(new MemoryStream(file.Content));
        Assert.Equal(["费用明细表", "汇总表（按类别）", "非客服费用"], Enumerable.Range(0, workbook.NumberOfSheets).Select(i => workbook.GetSheetName(i)));
        Assert.Equal(2, workbook.GetSheetAt(0).LastRowNum); // a header and the two forms
    }

    [ProviderFact]
    public async Task EXP_12_the_auditors_three_working_days_start_when_hq_marks_the_paper_received_not_while_it_is_in_the_post()
    {
        app.Clock.Set(Monday);
        var id = await SubmittedClaimAsync("hz.eng1", 120m);
        await ApproveAsync("hz.sup", id, "supervisor");
        await ApproveAsync("east.gm", id, "branch-gm");
        // Not in a batch yet: the auditor's deadline starts with the step, due Thursday 17 Sep 10:00.
        var first = Assert.Single(await AuditorTimersAsync(id));
        Assert.Equal(Monday.UtcDateTime, first.StartedAt);

        var batch = (int)(await BuildBatchAsync("hz.sup"))["id"]!;
        // Into the post: the deadline waits for the paper; withdrawing it is no breach.
        var held = Assert.Single(await AuditorTimersAsync(id));
        Assert.Equal(TimerStatus.Stopped, held.Status);
        Assert.Null(held.BreachedAt);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("hz.sup", $"/api/expenses/batches/{batch}/mail")).Status);

        // The post takes four days: Friday 18 Sep 10:00 HQ marks the form received, past the old due time.
        var received = China(9, 18, 10);
        app.Clock.Set(received);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("auditor", $"/api/expenses/batches/{batch}/received", new { claimId = id })).Status);
        var timers = await AuditorTimersAsync(id);
        Assert.Equal(2, timers.Count);
        var running = timers[1];
        Assert.Equal(TimerStatus.Running, running.Status);
        Assert.Equal(received.UtcDateTime, running.StartedAt);
        Assert.Equal((SlaUnit.WorkingDays, 3), (running.Unit, running.Amount));
        // Fri 18 Sep 10:00 + 3 WD: Fri 7 h, Sun 20 (a make-up working day) 8 h, Mon 21 8 h, Tue 22 until 10:00.
        Assert.Equal(China(9, 22, 10).UtcDateTime, running.DueAt);
        // Receiving it twice changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("auditor", $"/api/expenses/batches/{batch}/received", new { claimId = id })).Status);
        Assert.Equal(2, (await AuditorTimersAsync(id)).Count);

        // The auditor reviews on Monday 21 Sep 15:00: a week after the GM signed, but within 3 WD of the paper: no fine.
        app.Clock.Set(China(9, 21, 15));
        await ApproveAsync("auditor", id, "auditor");
        var fines = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Reason == "AuditorLate" && e.Note!.Contains("hz.eng1")).CountAsync());
        Assert.Equal(0, fines);
        Assert.NotNull((await AuditorTimersAsync(id))[1].StoppedAt);
    }

    [ProviderFact]
    public async Task EXP_12_a_form_reaching_the_auditor_while_its_paper_is_in_the_post_has_no_deadline_until_it_arrives()
    {
        app.Clock.Set(Monday);
        var id = await SubmittedClaimAsync("bj.cs", 45m);
        var batch = (int)(await BuildBatchAsync("bj.sup"))["id"]!;
        await ApproveAsync("bj.sup", id, "supervisor");
        await ApproveAsync("north.gm", id, "branch-gm");
        Assert.Empty(await AuditorTimersAsync(id));

        app.Clock.Set(China(9, 16, 11));
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("auditor", $"/api/expenses/batches/{batch}/received", new { claimId = id })).Status);
        var timer = Assert.Single(await AuditorTimersAsync(id));
        Assert.Equal(China(9, 16, 11).UtcDateTime, timer.StartedAt);
    }

    [ProviderFact]
    public async Task EXP_12_a_batch_mailed_after_its_day_is_not_reimbursed_and_the_cs_manager_is_alarmed()
    {
        app.Clock.Set(Monday);
        var id = await SubmittedClaimAsync("bj.eng1", 210m);
        await ApproveAsync("bj.sup", id, "supervisor");
        await ApproveAsync("north.gm", id, "branch-gm");
        var batch = await BuildBatchAsync("bj.sup");
        Assert.Equal("2026-09-20", (string?)batch["batchDate"]);

        // Mailed on Tuesday the 22nd, two days after the batch day.
        app.Clock.Set(China(9, 22, 10));
        var (status, mailed) = await PostAsync("bj.sup", $"/api/expenses/batches/{(int)batch["id"]!}/mail");
        Assert.True(status == HttpStatusCode.OK, mailed?.ToJsonString());
        Assert.True((bool)mailed!["late"]!);
        using (var eng = await app.ClientFor("bj.eng1"))
        {
            var claim = await eng.GetFromJsonAsync<JsonObject>($"/api/expenses/claims/{id}");
            Assert.Equal(0m, (decimal)claim!["payable"]!);
            Assert.All(claim["lines"]!.AsArray(), l => Assert.True((bool)l!["rejected"]!));
        }

        var alarms = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var csmgr = await db.Users.Where(u => u.UserName == "csmgr").Select(u => u.Id).SingleAsync();
            return await db.Set<InboxItem>().AsNoTracking().CountAsync(i => i.UserId == csmgr && i.EventKey == "ExpenseBatchLate" && i.Link == $"/expenses/batches/{(int)batch["id"]!}");
        });
        Assert.Equal(1, alarms);
    }
}

public sealed class PaperFlowTestsOnSqlite(SqliteClockApp app) : PaperFlowTests(app), IClassFixture<SqliteClockApp>;

public sealed class PaperFlowTestsOnPostgres(PostgresClockApp app) : PaperFlowTests(app), IClassFixture<PostgresClockApp>;
