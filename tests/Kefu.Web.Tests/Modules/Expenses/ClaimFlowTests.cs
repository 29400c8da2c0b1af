using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Data;
using Kefu.Core.Sla;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>
/// A claim of sh.eng1 walked through the EXP-05 chain with the demo users, on a hand-moved clock
/// (EXP-07's window depends on the day), on both databases.
/// </summary>
public abstract class ClaimFlowTests(ClockApp app)
{
    private static readonly DateTimeOffset Monday = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private static JsonArray Lines(params (string Date, string Category, decimal Amount)[] lines) =>
        new(lines.Select(l => (JsonNode)new JsonObject
        {
            ["date"] = l.Date, ["category"] = l.Category, ["amount"] = l.Amount, ["receiptCount"] = 1, ["description"] = "测试", ["workOrders"] = "WX-1",
        }).ToArray());

    private async Task<JsonObject> CreateAsync(string user, JsonArray lines, bool travelSummary = false)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/expenses/claims", new { lines, hasTravelSummary = travelSummary });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(string user, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private async Task<JsonObject> ApproveAsync(string user, int id, string step, string action = "Approve", string? comment = null, object? lines = null)
    {
        var (status, body) = await PostAsync(user, $"/api/expenses/claims/{id}/decision", new { stepKey = step, action, comment, lines });
        Assert.True(status == HttpStatusCode.OK, $"{user} {action} {step}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    [ProviderFact]
    public async Task EXP_05_claim_above_the_vp_threshold_walks_every_step_to_paid()
    {
        app.Clock.Set(Monday);
        var claim = await CreateAsync("sh.eng1", Lines(("2026-09-10", "Lodging", 1800m), ("2026-09-11", "Meals", 300.5m)));
        var id = (int)claim["id"]!;
        Assert.Equal("Draft", (string?)claim["status"]);
        Assert.Null((string?)claim["number"]); // EXP-02: numbered at the first submission

        var (status, submitted) = await PostAsync("sh.eng1", $"/api/expenses/claims/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("sh.eng1-", (string?)submitted!["number"], StringComparison.Ordinal);
        Assert.Equal("supervisor", (string?)submitted!["currentStep"]);

        // ORG-03: Hangzhou's supervisor does not see it, and cannot act on it.
        using (var hz = await app.ClientFor("hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hz.GetAsync($"/api/expenses/claims/{id}")).StatusCode);
        }

        var (notMine, _) = await PostAsync("hz.sup", $"/api/expenses/claims/{id}/decision", new { stepKey = "supervisor", action = "Approve" });
        Assert.Equal(HttpStatusCode.NotFound, notMine);
        // Someone who sees it but is not the approver: 403.
        var (wrongPerson, _) = await PostAsync("sh.coord", $"/api/expenses/claims/{id}/decision", new { stepKey = "supervisor", action = "Approve" });
        Assert.Equal(HttpStatusCode.Forbidden, wrongPerson);

        await ApproveAsync("sh.sup", id, "supervisor");
        // Acting twice on the step the page showed: 409.
        var (twice, _) = await PostAsync("sh.sup", $"/api/expenses/claims/{id}/decision", new { stepKey = "supervisor", action = "Approve" });
        Assert.Equal(HttpStatusCode.Conflict, twice);

        await ApproveAsync("east.gm", id, "branch-gm");
        await ApproveAsync("auditor", id, "auditor");
        var afterManager = await ApproveAsync("csmgr", id, "cs-manager");
        Assert.Equal("vp", (string?)afterManager["currentStep"]); // 2,100.50 > 2,000
        var afterVp = await ApproveAsync("vp", id, "vp");
        Assert.Equal("finance", (string?)afterVp["currentStep"]);
        var paid = await ApproveAsync("finance", id, "finance");
        Assert.Equal("Paid", (string?)paid["status"]);
        Assert.Equal(2100.5m, (decimal)paid["payable"]!);
        Assert.Equal("贰仟壹佰元零伍角", (string?)paid["payableInCapitals"]);
        Assert.Equal(7, paid["history"]!.AsArray().Count);
    }

    [ProviderFact]
    public async Task EXP_05_a_return_sends_it_back_and_the_resubmission_goes_through_the_chain_again()
    {
        app.Clock.Set(Monday);
        var id = (int)(await CreateAsync("sh.eng1", Lines(("2026-09-10", "Meals", 50m))))["id"]!;
        await PostAsync("sh.eng1", $"/api/expenses/claims/{id}/submit");
        await ApproveAsync("sh.sup", id, "supervisor");
        var (noComment, body) = await PostAsync("east.gm", $"/api/expenses/claims/{id}/decision", new { stepKey = "branch-gm", action = "Return" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment);
        Assert.True(body!["errors"]!.AsObject().ContainsKey("comment"));

        var returned = await ApproveAsync("east.gm", id, "branch-gm", "Return", "请补充工作单号");
        Assert.Equal("Returned", (string?)returned["status"]);

        using (var eng = await app.ClientFor("sh.eng1"))
        {
            using var updated = await eng.PutAsJsonAsync($"/api/expenses/claims/{id}", new { lines = Lines(("2026-09-10", "Meals", 45m)) });
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        var (resubmitted, again) = await PostAsync("sh.eng1", $"/api/expenses/claims/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, resubmitted);
        Assert.Equal("supervisor", (string?)again!["currentStep"]);
        Assert.Contains(again["history"]!.AsArray(), h => (string?)h!["comment"] == "请补充工作单号");
    }

    [ProviderFact]
    public async Task EXP_05_a_supervisors_own_claim_starts_at_the_branch_gm()
    {
        app.Clock.Set(Monday);
        var id = (int)(await CreateAsync("sh.sup", Lines(("2026-09-10", "Meals", 80m))))["id"]!;
        var (_, submitted) = await PostAsync("sh.sup", $"/api/expenses/claims/{id}/submit");
        Assert.Equal("branch-gm", (string?)submitted!["currentStep"]);
    }

    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>The SLA timer of a step of the claim's approval (APR-01): the step's deadline.</summary>
    private Task<SlaTimer> StepTimerAsync(int claimId, string step) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var subject = claimId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var instance = (await db.Set<ApprovalInstance>().AsNoTracking().Where(i => i.SubjectType == ClaimUseCases.SubjectType && i.SubjectId == subject)
                .MaxAsync(i => i.Id)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (await db.Set<SlaTimer>().AsNoTracking()
                .Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == instance).ToListAsync())
                .Single(t => ApprovalService.StepKeyOf(t) == step);
        });

    [ProviderFact]
    public async Task EXP_05_the_auditor_has_3_the_cs_manager_1_and_finance_7_working_days_counted_on_the_working_calendar()
    {
        // Seed 000, 报销审核流程: 费用审核专员"在三个工作日内审核完毕", 客服部经理"在一个工作日内审核完毕",
        // 财务部"在七个工作日内发放报销款" (REQUIREMENTS EXP-05: 3 WD, 1 WD, 7 WD).
        app.Clock.Set(China(9, 28, 10)); // Monday
        var id = (int)(await CreateAsync("sh.eng1", Lines(("2026-09-25", "Meals", 80m))))["id"]!;
        await PostAsync("sh.eng1", $"/api/expenses/claims/{id}/submit");
        await ApproveAsync("sh.sup", id, "supervisor");
        await ApproveAsync("east.gm", id, "branch-gm");

        var auditor = await StepTimerAsync(id, "auditor");
        Assert.Equal((SlaUnit.WorkingDays, 3), (auditor.Unit, auditor.Amount));
        // 29 and 30 September, then the National Day holiday (1–7 October), then 8 October.
        Assert.Equal(China(10, 8, 10).UtcDateTime, auditor.DueAt);

        app.Clock.Set(China(10, 8, 11));
        await ApproveAsync("auditor", id, "auditor");
        Assert.NotNull((await StepTimerAsync(id, "auditor")).StoppedAt);
        var manager = await StepTimerAsync(id, "cs-manager");
        Assert.Equal((SlaUnit.WorkingDays, 1), (manager.Unit, manager.Amount));
        Assert.Equal(China(10, 9, 11).UtcDateTime, manager.DueAt);

        // Saturday 10 October is a make-up working day, and the 10th: finance takes the form at once (EXP-07).
        app.Clock.Set(China(10, 10, 11));
        var atFinance = await ApproveAsync("csmgr", id, "cs-manager");
        Assert.Equal("finance", (string?)atFinance["currentStep"]);
        var finance = await StepTimerAsync(id, "finance");
        Assert.Equal((SlaUnit.WorkingDays, 7), (finance.Unit, finance.Amount));
        Assert.Equal(China(10, 10, 11).UtcDateTime, finance.StartedAt);
        // Sunday 11 October is off: 12–16 and 19 October are six working days, the seventh ends on 20 October.
        Assert.Equal(China(10, 20, 11).UtcDateTime, finance.DueAt);

        app.Clock.Set(China(10, 20, 10));
        Assert.Equal("Paid", (string?)(await ApproveAsync("finance", id, "finance"))["status"]);
        var paid = await StepTimerAsync(id, "finance");
        Assert.NotNull(paid.StoppedAt);
        Assert.Null(paid.BreachedAt);
    }

    [ProviderFact]
    public async Task EXP_07_finance_takes_no_forms_from_the_29th_until_the_10th()
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8)));
        var id = (int)(await CreateAsync("sh.eng2", Lines(("2026-09-20", "Meals", 60m))))["id"]!;
        await PostAsync("sh.eng2", $"/api/expenses/claims/{id}/submit");
        await ApproveAsync("sh.sup", id, "supervisor");
        await ApproveAsync("east.gm", id, "branch-gm");
        app.Clock.Set(new DateTimeOffset(2026, 9, 29, 10, 0, 0, TimeSpan.FromHours(8)));
        await ApproveAsync("auditor", id, "auditor");
        var atFinance = await ApproveAsync("csmgr", id, "cs-manager");
        Assert.Equal("finance", (string?)atFinance["currentStep"]);
        // Reaching finance on the 29th: it waits, visibly, until the 10th at the start of the working day
        // (seed 000: 财务部在当月29日至次月9日期间由于月度结账，故不收任何费用报销单据).
        Assert.Equal("2026-10-10T09:00:00+08:00", (string?)atFinance["stepOpensAt"]);
        // The 7-WD payment clock starts then, not on the 29th: 10 October (a make-up Saturday) and 12–16 October are
        // six working days; the seventh, 19 October, ends at 18:00.
        var payment = await StepTimerAsync(id, "finance");
        Assert.Equal((SlaUnit.WorkingDays, 7), (payment.Unit, payment.Amount));
        Assert.Equal(China(10, 10, 9).UtcDateTime, payment.StartedAt);
        Assert.Equal(China(10, 19, 18).UtcDateTime, payment.DueAt);

        app.Clock.Set(new DateTimeOffset(2026, 10, 9, 15, 0, 0, TimeSpan.FromHours(8)));
        var (closed, problem) = await PostAsync("finance", $"/api/expenses/claims/{id}/decision", new { stepKey = "finance", action = "Approve" });
        Assert.Equal(HttpStatusCode.BadRequest, closed);
        Assert.Contains("2026-10-10", problem!.ToJsonString(), StringComparison.Ordinal);

        app.Clock.Set(new DateTimeOffset(2026, 10, 10, 9, 30, 0, TimeSpan.FromHours(8)));
        Assert.Equal("Paid", (string?)(await ApproveAsync("finance", id, "finance"))["status"]);
    }

    [ProviderFact]
    public async Task EXP_08_reviewer_reduces_a_line_with_a_reason_and_the_payable_follows()
    {
        app.Clock.Set(Monday);
        var claim = await CreateAsync("sh.eng1", Lines(("2026-09-10", "Meals", 100m), ("2026-09-11", "Other", 40m)));
        var id = (int)claim["id"]!;
        var lineIds = claim["lines"]!.AsArray().Select(l => (int)l!["id"]!).ToArray();
        await PostAsync("sh.eng1", $"/api/expenses/claims/{id}/submit");
        var (noReason, _) = await PostAsync("sh.sup", $"/api/expenses/claims/{id}/decision",
            new { stepKey = "supervisor", action = "Approve", lines = new[] { new { lineId = lineIds[0], approvedAmount = 80m } } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        var reviewed = await ApproveAsync("sh.sup", id, "supervisor", lines: new object[]
        {
            new { lineId = lineIds[0], approvedAmount = 80m, reason = "超出餐补标准" },
            new { lineId = lineIds[1], rejected = true, reason = "非客服费用" },
        });
        Assert.Equal(80m, (decimal)reviewed["payable"]!);
        Assert.Equal(140m, (decimal)reviewed["claimed"]!);
    }

    [ProviderFact]
    public async Task EXP_04_and_EXP_01_policy_checks_on_submit_name_the_rule_and_the_field()
    {
        app.Clock.Set(Monday);
        var old = (int)(await CreateAsync("bj.eng1", Lines(("2026-08-01", "Meals", 20m))))["id"]!;
        var (status, body) = await PostAsync("bj.eng1", $"/api/expenses/claims/{old}/submit");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        // The rule's ID is in the problem's "rules" (for integrations), the message says it in words.
        Assert.Equal("EXP-04", (string)body!["rules"]!["lines[0].date"]![0]!);
        Assert.DoesNotContain("EXP-04", body["errors"]!["lines[0].date"]!.ToJsonString(), StringComparison.Ordinal);

        var travel = (int)(await CreateAsync("bj.eng1", Lines(("2026-09-10", "Travel", 200m))))["id"]!;
        (status, body) = await PostAsync("bj.eng1", $"/api/expenses/claims/{travel}/submit");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body!["errors"]!.AsObject().ContainsKey("hasTravelSummary"));

        using var client = await app.ClientFor("bj.eng1");
        using var bad = await client.PostAsJsonAsync("/api/expenses/claims", new { lines = Lines(("2026-09-10", "Meals", 12.345m)) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("lines[0].amount", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<int> SubmittedNumberAsync(string user, int id)
    {
        var (status, body) = await PostAsync(user, $"/api/expenses/claims/{id}/submit");
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        return int.Parse(((string)body!["number"]!)[^4..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [ProviderFact]
    public async Task EXP_02_each_claimant_gets_consecutive_numbers_at_submission_and_an_abandoned_draft_leaves_no_gap()
    {
        app.Clock.Set(Monday);
        var first = (int)(await CreateAsync("hz.eng1", Lines(("2026-09-10", "Meals", 10m))))["id"]!;
        var abandoned = (int)(await CreateAsync("hz.eng1", Lines(("2026-09-10", "Meals", 11m))))["id"]!;
        var third = (int)(await CreateAsync("hz.eng1", Lines(("2026-09-10", "Meals", 12m))))["id"]!;

        var firstNumber = await SubmittedNumberAsync("hz.eng1", first);
        Assert.Equal(firstNumber + 1, await SubmittedNumberAsync("hz.eng1", third));

        // The draft in between had no number; deleting it leaves none missing.
        using var eng = await app.ClientFor("hz.eng1");
        using (var deleted = await eng.DeleteAsync($"/api/expenses/claims/{abandoned}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await eng.GetAsync($"/api/expenses/claims/{abandoned}")).StatusCode);
        // A submitted form is never deleted: that would open a gap.
        using var refused = await eng.DeleteAsync($"/api/expenses/claims/{first}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [ProviderFact]
    public async Task EXP_02_a_returned_form_keeps_its_number_when_resubmitted()
    {
        app.Clock.Set(Monday);
        var id = (int)(await CreateAsync("sh.eng2", Lines(("2026-09-10", "Meals", 30m))))["id"]!;
        var number = await SubmittedNumberAsync("sh.eng2", id);
        await ApproveAsync("sh.sup", id, "supervisor", "Return", "请补充说明");
        Assert.Equal(number, await SubmittedNumberAsync("sh.eng2", id));
    }

    private Task<List<LedgerEntry>> LedgerAsync(string evidenceId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking().Where(e => e.EvidenceId == evidenceId).ToListAsync());

    [ProviderFact]
    public async Task EXP_09_false_claim_fines_claimant_and_supervisor_rates_c_and_the_line_is_not_paid()
    {
        app.Clock.Set(Monday);
        var claim = await CreateAsync("sh.eng2", Lines(("2026-09-10", "Meals", 100m), ("2026-09-11", "Other", 60m)));
        var id = (int)claim["id"]!;
        var line = (int)claim["lines"]![1]!["id"]!;
        await PostAsync("sh.eng2", $"/api/expenses/claims/{id}/submit");
        var (status, _) = await PostAsync("sh.sup", $"/api/expenses/claims/{id}/fines", new { reason = "FalseClaim", lineId = line, note = "未发生的费用" });
        Assert.Equal(HttpStatusCode.OK, status);
        var (again, body) = await PostAsync("sh.sup", $"/api/expenses/claims/{id}/fines", new { reason = "FalseClaim", lineId = line });
        Assert.Equal(0, (int)body!["recorded"]!); // the same evidence never counts twice

        var entries = await LedgerAsync($"{id}:{line}");
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(-5000, e.AmountFen));
        Assert.Single(entries, e => e.ForcedRating == "C");
        using var eng = await app.ClientFor("sh.eng2");
        var reloaded = await eng.GetFromJsonAsync<JsonObject>($"/api/expenses/claims/{id}");
        Assert.Equal(100m, (decimal)reloaded!["payable"]!);
    }

    [ProviderFact]
    public async Task EXP_09_a_late_auditor_is_fined_per_working_day_late()
    {
        app.Clock.Set(Monday); // Monday 14 Sep 10:00
        var id = (int)(await CreateAsync("hz.cs", Lines(("2026-09-10", "Meals", 70m))))["id"]!;
        await PostAsync("hz.cs", $"/api/expenses/claims/{id}/submit");
        await ApproveAsync("hz.sup", id, "supervisor");
        await ApproveAsync("east.gm", id, "branch-gm"); // the auditor's 3 WD run to Thursday 17 Sep 10:00
        app.Clock.Set(new DateTimeOffset(2026, 9, 21, 15, 0, 0, TimeSpan.FromHours(8))); // Monday 21 Sep 15:00
        await ApproveAsync("auditor", id, "auditor");
        var fines = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Reason == "AuditorLate" && e.Note!.Contains("hz.cs")).ToListAsync());
        // Due Thu 17 Sep 10:00; reviewed Mon 21 Sep 15:00: Thu 7 h + Fri 8 h + Sun 20 Sep (a make-up working day) 8 h + Mon 5 h
        // = 28 working hours = 3.5 working days → 4 days × 20 CNY for one branch. Seed 000 考核规定 5): "逾期每天/分公司20元"
        // (20 CNY per day per branch); it says nothing of part days: Kefu counts a working day begun as a day late.
        var fine = Assert.Single(fines);
        Assert.Equal(-8000, fine.AmountFen);
    }

    [ProviderFact]
    public async Task EXP_06_supervisor_builds_the_batch_gaps_are_flagged_and_hq_marks_forms_received()
    {
        app.Clock.Set(Monday);
        var line = Lines(("2026-09-10", "Meals", 20m));
        var first = await CreateAsync("bj.eng1", line);
        var second = await CreateAsync("bj.eng1", line);
        var third = await CreateAsync("bj.eng1", new JsonArray(new JsonObject
        {
            ["date"] = "2026-09-11", ["category"] = "Other", ["amount"] = 15m, ["receiptCount"] = 1, ["description"] = "私人打印", ["nonCustomerService"] = true,
        }));
        var firstNumber = await SubmittedNumberAsync("bj.eng1", (int)first["id"]!);
        // The second stays a draft numbered by the previous release (which numbered drafts): a gap.
        var secondNumber = firstNumber + 1;
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var draft = await db.Set<Kefu.Web.Modules.Expenses.ExpenseClaim>().SingleAsync(c => c.Id == (int)second["id"]!);
            draft.Number = secondNumber;
            await db.SaveChangesAsync();
            return await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"SequenceCounters\" SET \"Last\" = {0} WHERE \"Name\" = 'ExpenseClaim' AND \"Scope\" = {1}", (long)secondNumber, draft.ClaimantId);
        });
        Assert.Equal(secondNumber + 1, await SubmittedNumberAsync("bj.eng1", (int)third["id"]!));

        var (status, batch) = await PostAsync("bj.sup", "/api/expenses/batches");
        Assert.True(status == HttpStatusCode.Created, batch?.ToJsonString());
        // The next batch day on or after Monday the 14th is the 20th: a Sunday, but a make-up working day, so it stays.
        Assert.Equal("2026-09-20", (string?)batch!["batchDate"]);
        var person = batch["people"]!.AsArray().Single(p => (string?)p!["userName"] == "bj.eng1")!;
        Assert.Equal([secondNumber], person["gaps"]!.AsArray().Select(g => (int)g!));
        Assert.Contains(batch["nonCustomerService"]!.AsArray(), l => (string?)l!["description"] == "私人打印");

        var batchId = (int)batch["id"]!;
        using (var hz = await app.ClientFor("hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hz.GetAsync($"/api/expenses/batches/{batchId}")).StatusCode);
        }

        var (received, _) = await PostAsync("auditor", $"/api/expenses/batches/{batchId}/received", new { claimId = (int)first["id"]! });
        Assert.Equal(HttpStatusCode.NoContent, received);
        using var auditor = await app.ClientFor("auditor");
        var after = await auditor.GetFromJsonAsync<JsonObject>($"/api/expenses/batches/{batchId}");
        Assert.Equal(1, (int)after!["received"]!);

        // Nothing left to send: a second batch is refused.
        var (again, _) = await PostAsync("bj.sup", "/api/expenses/batches");
        Assert.Equal(HttpStatusCode.BadRequest, again);
    }

    [ProviderFact]
    public async Task EXP_11_report_sums_by_centre_category_and_person_within_scope()
    {
        app.Clock.Set(Monday);
        var id = (int)(await CreateAsync("hz.eng1", Lines(("2026-09-10", "Lodging", 321m))))["id"]!;
        await PostAsync("hz.eng1", $"/api/expenses/claims/{id}/submit");
        using var hz = await app.ClientFor("hz.sup");
        var report = await hz.GetFromJsonAsync<JsonObject>("/api/expenses/reports?from=2026-09-01&to=2026-09-30");
        Assert.Contains(report!["byCentre"]!.AsArray(), r => (string?)r!["key"] == "杭州中心");
        Assert.DoesNotContain(report["byCentre"]!.AsArray(), r => (string?)r!["key"] == "上海中心"); // ORG-03
        Assert.Contains(report["byCategory"]!.AsArray(), r => (string?)r!["key"] == "Lodging" && (decimal)r["claimed"]! >= 321m);
        Assert.True((decimal)report["pending"]! >= 321m);
        using var mgr = await app.ClientFor("csmgr");
        var all = await mgr.GetFromJsonAsync<JsonObject>("/api/expenses/reports?from=2026-09-01&to=2026-09-30");
        Assert.True(all!["byCentre"]!.AsArray().Count >= report["byCentre"]!.AsArray().Count);
    }

    [ProviderFact]
    public async Task APR_01_the_inbox_lists_what_waits_for_me_and_a_deputy_may_act()
    {
        app.Clock.Set(Monday);
        var id = (int)(await CreateAsync("bj.cs", Lines(("2026-09-10", "Meals", 30m))))["id"]!;
        await PostAsync("bj.cs", $"/api/expenses/claims/{id}/submit");
        using (var sup = await app.ClientFor("bj.sup"))
        {
            var inbox = await sup.GetFromJsonAsync<JsonArray>("/api/approvals/inbox");
            Assert.Contains(inbox!, i => (string?)i!["subjectId"] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var delegated = await sup.PostAsJsonAsync("/api/approvals/delegations", new { deputyUserName = "bj.eng1", from = "2026-09-13", to = "2026-09-20" });
            Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        }

        var done = await ApproveAsync("bj.eng1", id, "supervisor");
        Assert.True(done["history"]!.AsArray().Any(h => h!["onBehalfOf"]?.GetValue<string>() is { } o && o.Contains("bj.sup", StringComparison.Ordinal)), done.ToJsonString());
    }
}

public sealed class ClaimFlowTestsOnSqlite(SqliteClockApp app) : ClaimFlowTests(app), IClassFixture<SqliteClockApp>;

public sealed class ClaimFlowTestsOnPostgres(PostgresClockApp app) : ClaimFlowTests(app), IClassFixture<PostgresClockApp>;
