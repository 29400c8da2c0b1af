using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Who may call what, for every endpoint under /api: anonymous → 401, wrong role → 403, a record
/// outside the caller's scope → 404 (ORG-03), the right role → served. A new endpoint fails
/// <see cref="Matrix_CoversEveryApiEndpoint"/> until it gets a row here.
/// </summary>
public abstract class AuthorizationMatrixTests(KefuFactory app)
{
    /// <summary>
    /// Ids the sample URLs and bodies need, looked up once per database, and the app's own "now"
    /// (its TimeProvider), from which every sample date is derived: no sample depends on the day
    /// the tests happen to run.
    /// </summary>
    public sealed record Ids(
        DateTimeOffset Now, string ShEng1, int ShCustomer, int ShUnit, int HzUnit, int BjUnit, int EastUnit, int TokenId, int ShClaim, int ShEng2Claim,
        int ShSurvey, int ShCallback, int ShInquiry, int ShIncident)
    {
        /// <summary>The company's date (Asia/Shanghai) at <see cref="Now"/>.</summary>
        public DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(TimeSpan.FromHours(8)).DateTime);

        public string Date(int days = 0) => Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        public string Month => Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        public string Quarter => $"{Today.Year}-Q{((Today.Month - 1) / 3) + 1}";
    }

    [Flags]
    public enum Check
    {
        None = 0,
        Anonymous = 1,
        Forbidden = 2,
        OtherCentre = 4,
        Allowed = 8,
    }

    /// <param name="Allowed">A user who may call it (null: anyone, even anonymous).</param>
    /// <param name="AllowedStatus">What that user gets with the sample request.</param>
    /// <param name="Forbidden">A signed-in user whose roles do not allow it (403); null when every signed-in user may call it.</param>
    /// <param name="OtherCentre">For one-record endpoints: a user allowed by role whose scope does not reach the record (404).</param>
    /// <param name="Url">The sample URL, ids filled in.</param>
    /// <param name="Body">The sample JSON body, if the endpoint takes one.</param>
    /// <param name="KnownBugs">Checks that fail because of a bug in src; each has a skipped test below saying which.</param>
    public sealed record Rule(
        string? Allowed, HttpStatusCode AllowedStatus, string? Forbidden, string? OtherCentre,
        Func<Ids, string> Url, Func<Ids, object>? Body = null, Check KnownBugs = Check.None);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A one-line claim for a meal today (a day in the past would fall foul of EXP-04 once it is a month old).</summary>
    private static object SampleClaim(Ids ids) => SampleClaim(ids.Today);

    private static object SampleClaim(DateOnly today) =>
        new { lines = new[] { new { date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), category = "Meals", amount = 25.5m, receiptCount = 1 } } };

    public static readonly IReadOnlyDictionary<string, Rule> Matrix = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["POST /api/auth/token"] = new(null, HttpStatusCode.OK, null, null, _ => "/api/auth/token",
            _ => new { userName = "sh.eng2", password = KefuFactory.DemoPassword }),
        ["GET /api/me"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/me"),

        ["GET /api/org/units"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/org/units"),
        ["GET /api/org/units/{id:int}"] = new("sh.eng1", HttpStatusCode.OK, null, null, ids => $"/api/org/units/{ids.BjUnit}"),
        ["POST /api/org/units"] = new("admin", HttpStatusCode.Created, "adminclerk", null, _ => "/api/org/units",
            ids => new { parentId = ids.EastUnit, kind = "Department", function = "Dispatch", code = Unique("M-"), name = "矩阵测试部" }),
        ["PUT /api/org/units/{id:int}"] = new("admin", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/org/units/{ids.BjUnit}",
            _ => new { kind = "Centre", function = "CustomerService", code = "BJ", name = "北京中心", nameEn = "Beijing Centre" }),

        ["GET /api/staff"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/staff"),
        ["GET /api/staff/{id}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/staff/{ids.ShEng1}"),
        // Only company-wide roles (SystemAdministrator, AdminClerk) manage staff, so no user of another centre passes the role check.
        ["POST /api/staff"] = new("adminclerk", HttpStatusCode.Created, "sh.sup", null, _ => "/api/staff",
            ids => new
            {
                userName = Unique("m."), displayName = "矩阵测试", employeeNumber = Unique("M"), orgUnitId = ids.HzUnit,
                roles = new[] { "FieldEngineer" }, password = "Matrix-test-2026",
            }),
        ["PUT /api/staff/{id}"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/staff/{ids.ShEng1}",
            ids => new { displayName = "沈工程师一", employeeNumber = "E0204", orgUnitId = ids.ShUnit, roles = new[] { "FieldEngineer" } }),
        ["GET /api/staff/{id}/owned"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/staff/{ids.ShEng1}/owned"),
        // The sample rotation changes nothing, so the allowed caller gets past authorization to the validation (400).
        ["POST /api/staff/{id}/rotation"] = new("adminclerk", HttpStatusCode.BadRequest, "sh.sup", null, ids => $"/api/staff/{ids.ShEng1}/rotation",
            ids => new { newOrgUnitId = ids.ShUnit }),

        ["GET /api/customers"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/customers"),
        ["GET /api/customers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}"),

        ["POST /api/customers"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/customers", _ => new { name = "" }),
        ["PUT /api/customers/{id:int}"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}", _ => new { name = "" }),
        ["GET /api/customers/{id:int}/history"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/history"),
        ["POST /api/customers/{id:int}/contacts"] = new("sh.sup", HttpStatusCode.NoContent, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/contacts"),
        ["GET /api/customers/assignment/suggestion"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, ids => $"/api/customers/assignment/suggestion?customerIds={ids.ShCustomer}"),
        ["POST /api/customers/assignment"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.cs", null, _ => "/api/customers/assignment", _ => new { customerIds = Array.Empty<int>() }),
        ["GET /api/customers/import/template"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/customers/import/template"),
        ["POST /api/customers/import"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/customers/import",
            _ => new MultipartFormDataContent { { new StringContent("x"), "note" } }),
        ["GET /api/customers/{id:int}/duplicates"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/duplicates"),
        ["POST /api/customers/{id:int}/merge"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.cs", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/merge",
            _ => new { duplicateId = 0 }),
        ["GET /api/customers/{id:int}/analysis"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/analysis"),
        ["GET /api/inquiries"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/inquiries"),
        ["GET /api/inquiries/territory"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/inquiries/territory?intent=Buy&province=Shanghai"),
        ["POST /api/inquiries"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/inquiries", _ => new { company = "" }),
        ["POST /api/inquiries/{id:int}/stage"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", "hz.sup", ids => $"/api/inquiries/{ids.ShInquiry}/stage",
            _ => new { notes = "no stage" }),
        ["GET /api/incidents"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/incidents"),
        ["GET /api/incidents/analysis"] = new("qc", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/incidents/analysis"),
        ["GET /api/incidents/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}"),
        ["POST /api/incidents"] = new("sh.cs", HttpStatusCode.BadRequest, "qc", null, _ => "/api/incidents", _ => new { summary = "" }),
        // The sample incident was reported when it was recorded.
        ["POST /api/incidents/{id:int}/report"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/report"),
        ["POST /api/incidents/{id:int}/reply"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/reply", _ => new { text = "" }),
        ["POST /api/incidents/{id:int}/progress"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/progress", _ => new { text = "" }),
        ["POST /api/incidents/{id:int}/escalate"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/escalate", _ => new { text = "" }),
        ["POST /api/incidents/{id:int}/investigation"] = new("qc", HttpStatusCode.BadRequest, "sh.sup", null, ids => $"/api/incidents/{ids.ShIncident}/investigation", _ => new { finding = "" }),
        // No investigation yet: the plan's author reaches the validation.
        ["POST /api/incidents/{id:int}/plan"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.cs", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/plan", _ => new { text = "方案" }),
        ["POST /api/incidents/{id:int}/plan/decision"] = new("csdir", HttpStatusCode.BadRequest, null, "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/plan/decision",
            _ => new { action = "Approve" }),
        ["POST /api/incidents/{id:int}/plan/send"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/plan/send"),
        ["POST /api/incidents/{id:int}/close"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/close", _ => new { text = (string?)null }),
        ["GET /api/cross-region"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/cross-region"),
        ["POST /api/cross-region"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/cross-region", _ => new { complainant = "" }),
        ["POST /api/cross-region/{id:int}/milestones"] = new("mkt", HttpStatusCode.NotFound, "sh.eng1", null, _ => "/api/cross-region/999999/milestones",
            _ => new { milestone = "ToMarketing" }),
        ["GET /api/cross-region/ledger"] = new("mkt", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/cross-region/ledger?quarter={ids.Quarter}"),
        ["GET /api/visits"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/visits"),
        ["POST /api/visits"] = new("sh.cs", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/visits", _ => new { customerId = 0 }),
        ["POST /api/visits/plan"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, _ => "/api/visits/plan"),
        ["POST /api/visits/cases/{id:int}/close"] = new("sh.cs", HttpStatusCode.NotFound, "sh.eng1", null, _ => "/api/visits/cases/999999/close"),
        ["GET /api/callbacks"] = new("sh.coord", HttpStatusCode.OK, "sh.cs", null, _ => "/api/callbacks"),
        ["POST /api/callbacks"] = new("sh.coord", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/callbacks", _ => new { jobReference = "" }),
        ["POST /api/callbacks/{id:int}/result"] = new("sh.coord", HttpStatusCode.BadRequest, "sh.eng1", "hz.sup", ids => $"/api/callbacks/{ids.ShCallback}/result",
            _ => new { comment = "no rating" }),
        ["GET /api/satisfaction"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, ids => $"/api/satisfaction?month={ids.Month}&by=Centre"),
        ["GET /api/surveys"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/surveys"),
        ["GET /api/surveys/{id:int}"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}"),
        ["POST /api/surveys"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.cs", null, _ => "/api/surveys", _ => new { title = "" }),
        // The sample survey is published, so its questions can no longer change.
        ["PUT /api/surveys/{id:int}"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.cs", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}", _ => SampleSurvey!),
        ["POST /api/surveys/{id:int}/publish"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}/publish"),
        ["POST /api/surveys/{id:int}/invitations"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}/invitations",
            _ => new { respondentName = "矩阵受访者" }),
        // Public: a respondent has no account; a forged token finds nothing.
        ["GET /api/public/surveys/{token}"] = new(null, HttpStatusCode.NotFound, null, null, _ => "/api/public/surveys/forged-token"),
        ["POST /api/public/surveys/{token}"] = new(null, HttpStatusCode.NotFound, null, null, _ => "/api/public/surveys/forged-token", _ => new { answers = new { } }),
        ["GET /api/audit"] = new("gm", HttpStatusCode.OK, "sh.sup", null, _ => "/api/audit"),
        // Orders (ORD-01..07). The demo seeds order 1 (a Shanghai draft by sh.cs, no dangerous-goods notice) and handover 1 (an approved
        // Shanghai form) before anything else; the samples never change them (each allowed call stops at a validation or a conflict).
        ["GET /api/orders"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders"),
        ["POST /api/orders"] = new("sh.cs", HttpStatusCode.BadRequest, "gm", null, _ => "/api/orders", ids => new { customerId = ids.ShCustomer, channel = "Phone", jobType = "SameCityDelivery" }),
        ["GET /api/orders/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1"),
        ["PUT /api/orders/{id:int}"] = new("sh.sup", HttpStatusCode.BadRequest, "gm", "hz.sup", _ => "/api/orders/1", _ => new { }),
        ["GET /api/orders/{id:int}/review"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/review"),
        ["POST /api/orders/{id:int}/confirm"] = new("sh.sup", HttpStatusCode.BadRequest, "gm", "hz.sup", _ => "/api/orders/1/confirm", _ => new { }),
        ["POST /api/orders/{id:int}/attachments"] = new("sh.sup", HttpStatusCode.BadRequest, "gm", "hz.sup", _ => "/api/orders/1/attachments",
            _ => new MultipartFormDataContent { { new StringContent("Selfie"), "kind" } }),
        ["GET /api/orders/{id:int}/attachments/{attachmentId:long}"] = new("sh.sup", HttpStatusCode.NotFound, "sh.eng1", "hz.sup", _ => "/api/orders/1/attachments/999999"),
        ["PUT /api/orders/{id:int}/tracking-class"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/1/tracking-class", _ => new { trackingClass = "B" }),
        ["POST /api/orders/{id:int}/tracking-points/{pointId:int}/done"] = new("sh.sup", HttpStatusCode.NotFound, "gm", "hz.sup", _ => "/api/orders/1/tracking-points/999999/done", _ => new { }),
        ["POST /api/orders/{id:int}/arrival"] = new("sh.sup", HttpStatusCode.BadRequest, "gm", "hz.sup", _ => "/api/orders/1/arrival", _ => new { }),
        ["POST /api/orders/{id:int}/inform"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/1/inform", _ => new { }),
        ["POST /api/orders/{id:int}/late"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/1/late", _ => new { cause = "矩阵测试" }),
        ["POST /api/orders/{id:int}/close"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/1/close"),
        // Also the dispatch or freight centre the order was routed to, once confirmed (a draft is routed nowhere).
        ["GET /api/orders/{id:int}/print"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/print"),
        ["GET /api/orders/{id:int}/flow"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/flow"),
        // Order 1 is not a distributor order: it has no flow to move.
        ["POST /api/orders/{id:int}/flow/{stepKey}"] = new("sh.sup", HttpStatusCode.Conflict, "sh.eng1", "hz.sup", _ => "/api/orders/1/flow/check-stock", _ => new { }),
        ["GET /api/settings/order-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/order-policy"),
        ["PUT /api/settings/order-policy"] = new("admin", HttpStatusCode.BadRequest, "csmgr", null, _ => "/api/settings/order-policy", _ => new { breakInDays = -1 }),
        ["GET /api/orders/tracking-sheet"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders/tracking-sheet"),
        ["GET /api/orders/reconciliation"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/orders/reconciliation?date={ids.Date()}"),
        ["PUT /api/orders/reconciliation/counts"] = new("sh.cs", HttpStatusCode.BadRequest, "gm", null, _ => "/api/orders/reconciliation/counts", _ => new { }),
        ["GET /api/orders/handovers"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders/handovers"),
        ["GET /api/orders/handovers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/handovers/1"),
        ["POST /api/orders/handovers"] = new("sh.cs", HttpStatusCode.BadRequest, "gm", null, _ => "/api/orders/handovers", _ => new { }),
        // Handover 1 is approved: editing, submitting or deciding it again is a conflict.
        ["PUT /api/orders/handovers/{id:int}"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/handovers/1", _ => new { contractOrQuote = "矩阵" }),
        ["POST /api/orders/handovers/{id:int}/submit"] = new("sh.sup", HttpStatusCode.Conflict, "gm", "hz.sup", _ => "/api/orders/handovers/1/submit"),
        // Leaders see the whole company, so no leader is outside the form's scope.
        ["POST /api/orders/handovers/{id:int}/special-procedure"] = new("gm", HttpStatusCode.Conflict, "sh.sup", null, _ => "/api/orders/handovers/1/special-procedure",
            _ => new { reason = "矩阵" }),
        // Any signed-in person may try; the engine lets only the step's approver act.
        ["POST /api/orders/handovers/{id:int}/decision"] = new("sh.sup", HttpStatusCode.Conflict, null, "hz.sup", _ => "/api/orders/handovers/1/decision",
            _ => new { stepKey = "gm", action = "Approve" }),

        ["GET /api/tokens"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/tokens"),
        ["POST /api/tokens"] = new("admin", HttpStatusCode.Created, "adminclerk", null, _ => "/api/tokens",
            _ => new { name = Unique("matrix "), userName = "sh.eng1", validDays = 1 }),
        ["DELETE /api/tokens/{id:int}"] = new("admin", HttpStatusCode.NoContent, "adminclerk", null, ids => $"/api/tokens/{ids.TokenId}"),

        ["GET /api/calendars"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars"),
        ["GET /api/calendars/{id}/days/{date}"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars/cn/days/2026-10-01"),
        ["GET /api/calendars/{id}/working-days"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars/cn/working-days?from=2026-10-01&to=2026-10-10"),
        ["GET /api/calendars/{id}/add-working-days"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars/cn/add-working-days?from=2026-09-30&days=1"),
        ["GET /api/calendars/{id}/add-working-time"] = new("sh.eng1", HttpStatusCode.OK, null, null,
            _ => "/api/calendars/cn/add-working-time?from=2026-09-30T20:00:00%2B08:00&minutes=60"),
        ["GET /api/calendars/{id}/working-time"] = new("sh.eng1", HttpStatusCode.OK, null, null,
            _ => "/api/calendars/cn/working-time?from=2026-09-30T17:00:00%2B08:00&to=2026-10-08T10:00:00%2B08:00"),
        ["POST /api/calendars/{id}/import"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/import",
            _ => new { year = 2035, days = new[] { new { name = "元旦", date = "2035-01-01", isOffDay = true } } }),
        ["PUT /api/calendars/{id}/days/{date}"] = new("admin", HttpStatusCode.NoContent, "adminclerk", null, _ => "/api/calendars/cn/days/2036-05-06",
            _ => new { kind = "holiday", name = "矩阵测试" }),
        ["PUT /api/calendars/{id}"] = new("admin", HttpStatusCode.NoContent, "adminclerk", null, _ => "/api/calendars/matrix-branch",
            _ => new { name = "矩阵分公司日历", parentId = "cn" }),
        ["GET /api/calendars/arrangement-status"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars/arrangement-status"),
        ["GET /api/calendars/{id}/years/{year}"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/calendars/cn/years/2026"),
        ["PUT /api/calendars/{id}/years/{year}"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/years/2038",
            _ => new { arranged = true }),
        ["GET /api/settings/calendar-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/calendar-policy"),
        ["PUT /api/settings/calendar-policy"] = new("admin", HttpStatusCode.BadRequest, "csmgr", null, _ => "/api/settings/calendar-policy",
            _ => new { warnFromMonth = 13, warnFromDay = 1 }),

        ["GET /api/notifications"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/notifications"),
        ["GET /api/notifications/unread-count"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/notifications/unread-count"),
        // Inbox items are one person's: nobody else's id is found.
        ["POST /api/notifications/{id:long}/read"] = new("sh.eng1", HttpStatusCode.NotFound, null, null, _ => "/api/notifications/999999999/read"),
        ["POST /api/notifications/read-all"] = new("sh.eng1", HttpStatusCode.NoContent, null, null, _ => "/api/notifications/read-all"),
        ["GET /api/notifications/channels"] = new("admin", HttpStatusCode.OK, "sh.sup", null, _ => "/api/notifications/channels"),
        // No channel is configured in the test database, so the allowed caller reaches the validation.
        ["POST /api/notifications/channels/{channel}/test"] = new("admin", HttpStatusCode.BadRequest, "sh.sup", null,
            _ => "/api/notifications/channels/email/test", _ => new { to = "someone@example.invalid" }),

        ["GET /api/sla/timers"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/sla/timers?recordType=Matrix&recordId=1"),
        ["GET /api/sla/deadlines"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/sla/deadlines?state=all"),

        ["GET /api/expenses/claims"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/expenses/claims"),
        ["GET /api/expenses/claims/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/expenses/claims/{ids.ShClaim}"),
        ["POST /api/expenses/claims"] = new("sh.eng1", HttpStatusCode.Created, "gm", null, _ => "/api/expenses/claims", SampleClaim),
        ["PUT /api/expenses/claims/{id:int}"] = new("sh.eng1", HttpStatusCode.OK, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShClaim}", SampleClaim),
        // Only the claimant deletes their own draft: another claimant, even of the same centre, finds nothing (and nothing is deleted).
        ["DELETE /api/expenses/claims/{id:int}"] = new("sh.eng1", HttpStatusCode.NotFound, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShEng2Claim}"),
        // Only the claimant submits their own claim: another claimant, even of the same centre, finds nothing.
        ["POST /api/expenses/claims/{id:int}/submit"] = new("sh.eng1", HttpStatusCode.NotFound, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShEng2Claim}/submit"),
        // Any signed-in person may try; the engine lets only the step's approver act. A draft has no step: 404.
        ["POST /api/expenses/claims/{id:int}/decision"] = new("sh.sup", HttpStatusCode.NotFound, null, "hz.sup", ids => $"/api/expenses/claims/{ids.ShClaim}/decision",
            _ => new { stepKey = "supervisor", action = "Approve" }),
        // The sample claim is a draft: fines apply only in review, so the reviewer reaches the validation.
        ["POST /api/expenses/claims/{id:int}/fines"] = new("sh.sup", HttpStatusCode.BadRequest, "sh.eng1", "hz.sup", ids => $"/api/expenses/claims/{ids.ShClaim}/fines",
            _ => new { reason = "BadReceipts", note = "矩阵测试" }),
        ["GET /api/expenses/batches"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", null, _ => "/api/expenses/batches"),
        ["GET /api/expenses/batches/{id:int}"] = new("sh.sup", HttpStatusCode.NotFound, "adminclerk", null, _ => "/api/expenses/batches/999999"),
        // sh.eng1's draft is not submitted, so the centre has nothing to send: the builder reaches the validation.
        ["POST /api/expenses/batches"] = new("hz.sup", HttpStatusCode.BadRequest, "sh.eng1", null, _ => "/api/expenses/batches"),
        ["POST /api/expenses/batches/{id:int}/received"] = new("auditor", HttpStatusCode.NotFound, "sh.sup", null, _ => "/api/expenses/batches/999999/received",
            _ => new { claimId = 1 }),
        ["GET /api/expenses/reports"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/expenses/reports?from={ids.Today.Year}-01-01&to={ids.Today.Year}-12-31"),
        ["GET /api/settings/expense-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/expense-policy"),
        // An empty body is out of range (no batch days): the administrator reaches the validation.
        ["PUT /api/settings/expense-policy"] = new("admin", HttpStatusCode.BadRequest, "csmgr", null, _ => "/api/settings/expense-policy", _ => new { batchDays = Array.Empty<int>() }),
        ["GET /api/settings/approval-chains/expense-claim"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/approval-chains/expense-claim"),
        ["PUT /api/settings/approval-chains/expense-claim"] = new("admin", HttpStatusCode.BadRequest, "csmgr", null, _ => "/api/settings/approval-chains/expense-claim",
            _ => new { name = "", steps = Array.Empty<object>() }),
        // Only the claimant attaches, as multipart; an empty form from the owner is a 400 naming the kind.
        ["POST /api/expenses/claims/{id:int}/attachments"] = new("sh.eng1", HttpStatusCode.BadRequest, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShClaim}/attachments",
            _ => new MultipartFormDataContent { { new StringContent("Selfie"), "kind" } }),
        ["GET /api/expenses/claims/{id:int}/attachments/{attachmentId:long}"] = new("sh.sup", HttpStatusCode.NotFound, "adminclerk", "hz.sup",
            ids => $"/api/expenses/claims/{ids.ShClaim}/attachments/999999"),
        ["GET /api/approvals/inbox"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/approvals/inbox"),
        ["GET /api/approvals/delegations"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/approvals/delegations"),
        ["POST /api/approvals/delegations"] = new("sh.sup", HttpStatusCode.Created, null, null, _ => "/api/approvals/delegations",
            ids => new { deputyUserName = "sh.lead", from = ids.Date(1), to = ids.Date(5) }),
    };


    /// <summary>Rows of the matrix that a check applies to (without its known bugs).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MatrixDataAttribute(Check check) : DataAttribute
    {
        public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
            Matrix.Where(e => !e.Value.KnownBugs.HasFlag(check) && check switch
                {
                    Check.Forbidden => e.Value.Forbidden is not null,
                    Check.OtherCentre => e.Value.OtherCentre is not null,
                    _ => true,
                })
                .Select(e => new object[] { e.Key });
    }

    /// <summary>"GET /api/staff/{id}" for every route endpoint under /api.</summary>
    private string[] ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    [ProviderFact]
    public void Matrix_CoversEveryApiEndpoint()
    {
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        var missing = endpoints.Where(e => !Matrix.ContainsKey(e)).ToArray();
        Assert.True(missing.Length == 0,
            "Endpoints without a row in AuthorizationMatrixTests.Matrix (add who may call them):\n  " + string.Join("\n  ", missing));
    }

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private RouteEndpoint[] WriteEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)
                        && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(WriteMethods.Contains) ?? false))
            .ToArray();

    private static string Key(RouteEndpoint e) =>
        $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.First(WriteMethods.Contains)} /{e.RoutePattern.RawText!.Trim('/')}";

    [ProviderFact]
    public void Every_write_endpoint_names_its_own_write_policy()
    {
        var writes = WriteEndpoints();
        Assert.NotEmpty(writes);
        var implicitWrites = writes
            .Where(e => e.Metadata.GetMetadata<Kefu.Web.Platform.Auth.WritePolicyMetadata>() is null
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Select(Key).ToArray();
        Assert.True(implicitWrites.Length == 0,
            "Write endpoints that rely on their group's policy (add .RequireWritePolicy(...)):\n  " + string.Join("\n  ", implicitWrites));
    }

    /// <summary>
    /// A read-only auditor reads the whole company and writes nothing: every write endpoint but
    /// the caller's own data (inbox, delegations) answers 403, and nothing is written.
    /// </summary>
    [ProviderFact]
    public async Task Every_write_endpoint_refuses_the_read_only_auditor()
    {
        var ids = await SampleIdsAsync();
        var auditor = await app.SharedAsync("read-only-auditor", async () =>
        {
            var userName = Unique("ro.");
            await app.CreateStaffAsync(userName, "EAST", ["ReadOnlyAuditor"], "Read-only-2026");
            using var token = await app.RequestTokenAsync(userName, "Read-only-2026");
            return (string)(await token.JsonObjectAsync())["accessToken"]!;
        });
        using var client = app.ClientWithBearer(auditor);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in WriteEndpoints())
        {
            var policy = endpoint.Metadata.GetMetadata<Kefu.Web.Platform.Auth.WritePolicyMetadata>()?.Policy;
            if (policy is null or Kefu.Web.Platform.Auth.WritePolicy.OwnData)
            {
                continue;
            }

            var key = Key(endpoint);
            var rule = Matrix[key];
            using var response = await client.SendJsonAsync(key[..key.IndexOf(' ', StringComparison.Ordinal)], rule.Url(ids), rule.Body?.Invoke(ids));
            checkedCount++;
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{key}: {(int)response.StatusCode}");
            }
        }

        Assert.True(checkedCount > 40, $"Only {checkedCount} write endpoints were tried.");
        Assert.True(failures.Count == 0, "A read-only auditor was not refused:\n  " + string.Join("\n  ", failures));
    }

    [ProviderTheory]
    [InlineData("gm")]
    [InlineData("vp")]
    [InlineData("finance")]
    [InlineData("qc")]
    [InlineData("auditor")]
    public async Task CUS_05_only_the_customers_people_record_a_contact(string reader)
    {
        var ids = await SampleIdsAsync();
        using var client = await app.ClientFor(reader);
        using var response = await client.PostAsJsonAsync($"/api/customers/{ids.ShCustomer}/contacts", new { });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [ProviderFact]
    public void Matrix_HasNoRowForARemovedEndpoint()
    {
        var stale = Matrix.Keys.Except(ApiEndpoints()).ToArray();
        Assert.True(stale.Length == 0, "Rows for endpoints that no longer exist:\n  " + string.Join("\n  ", stale));
    }

    [ProviderTheory]
    [MatrixData(Check.Anonymous)]
    public async Task Endpoint_Anonymous_Gets401UnlessPublic(string endpoint)
    {
        var (method, rule, ids) = await ResolveAsync(endpoint);
        using var client = app.CreateClient();
        using var response = await client.SendJsonAsync(method, rule.Url(ids), rule.Body?.Invoke(ids));

        if (rule.Allowed is null)
        {
            Assert.Equal(rule.AllowedStatus, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [ProviderTheory]
    [MatrixData(Check.Forbidden)]
    public Task Endpoint_UserWithoutTheRole_Gets403(string endpoint) => ExpectAsync(endpoint, r => r.Forbidden!, HttpStatusCode.Forbidden);

    [ProviderTheory]
    [MatrixData(Check.OtherCentre)]
    public Task ORG_03_Endpoint_RecordOutsideTheCallersScope_Gets404(string endpoint) =>
        ExpectAsync(endpoint, r => r.OtherCentre!, HttpStatusCode.NotFound);

    [ProviderTheory]
    [MatrixData(Check.Allowed)]
    public async Task Endpoint_UserWithTheRole_IsServed(string endpoint)
    {
        var rule = Matrix[endpoint];
        if (rule.Allowed is null)
        {
            // Public endpoint: the anonymous test above already checks the allowed answer.
            return;
        }

        await ExpectAsync(endpoint, r => r.Allowed!, rule.AllowedStatus);
    }

    private async Task ExpectAsync(string endpoint, Func<Rule, string> user, HttpStatusCode expected)
    {
        var (method, rule, ids) = await ResolveAsync(endpoint);
        var userName = user(rule);
        using var client = await app.ClientFor(userName);
        using var response = await client.SendJsonAsync(method, rule.Url(ids), rule.Body?.Invoke(ids));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"{endpoint} as {userName}: expected {(int)expected}, got {(int)response.StatusCode}. {body[..Math.Min(body.Length, 400)]}");
    }

    /// <summary>The sample records the rows' URLs and bodies refer to, made once per app.</summary>
    public Task<Ids> SampleIdsAsync() => app.SharedAsync("matrix-ids", LookUpIdsAsync);

    private async Task<(string Method, Rule Rule, Ids Ids)> ResolveAsync(string endpoint)
    {
        var ids = await SampleIdsAsync();
        return (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], Matrix[endpoint], ids);
    }

    private async Task<Ids> LookUpIdsAsync()
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var shSup = await app.ClientFor("sh.sup");
        var customers = await shSup.GetFromJsonAsync<JsonObject>("/api/customers");
        using var admin = await app.ClientFor("admin");
        using var token = await admin.PostAsJsonAsync("/api/tokens", new { name = "matrix token", userName = "sh.eng2", validDays = 1 });
        var created = await token.JsonObjectAsync();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        return new Ids(
            now,
            await app.StaffIdAsync("sh.eng1"),
            (int)customers!["items"]![0]!["id"]!,
            await app.UnitIdAsync("SH"),
            await app.UnitIdAsync("HZ"),
            await app.UnitIdAsync("BJ"),
            await app.UnitIdAsync("EAST"),
            (int)created["token"]!["id"]!,
            await DraftClaimAsync("sh.eng1", today),
            await DraftClaimAsync("sh.eng2", today),
            await PublishedSurveyAsync(shSup),
            await CallbackAsync(now),
            await InquiryAsync(),
            await IncidentAsync(now));
    }

    private async Task<int> IncidentAsync(DateTimeOffset now)
    {
        using var specialist = await app.ClientFor("sh.cs");
        using var response = await specialist.PostAsJsonAsync("/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "矩阵客户", summary = "矩阵投诉", receivedAt = now.AddMinutes(-1),
            phoneCallTo = "赵主任", phoneCallAt = now.AddMinutes(-1),
        });
        return (int)(await response.JsonObjectAsync())["id"]!;
    }

    private static readonly object SampleSurvey = new
    {
        title = "矩阵问卷", kind = "ProjectSatisfaction",
        questions = new[] { new { text = "总体满意度", type = "Rating", required = true } },
    };

    private static async Task<int> PublishedSurveyAsync(HttpClient shSup)
    {
        using var created = await shSup.PostAsJsonAsync("/api/surveys", SampleSurvey);
        var id = (int)(await created.JsonObjectAsync())["id"]!;
        using var published = await shSup.PostAsync($"/api/surveys/{id}/publish", null);
        published.EnsureSuccessStatusCode();
        return id;
    }

    private async Task<int> CallbackAsync(DateTimeOffset now)
    {
        using var coordinator = await app.ClientFor("sh.coord");
        using var response = await coordinator.PostAsJsonAsync("/api/callbacks", new
        {
            jobReference = "MATRIX-1", customerName = "矩阵客户", technicianId = await app.StaffIdAsync("sh.eng1"), completedAt = now.AddHours(-1),
        });
        return (int)(await response.JsonObjectAsync())["id"]!;
    }

    private async Task<int> InquiryAsync()
    {
        using var specialist = await app.ClientFor("sh.cs");
        using var response = await specialist.PostAsJsonAsync("/api/inquiries", new { company = "矩阵询盘", intent = "Buy", province = "上海" });
        return (int)(await response.JsonObjectAsync())["id"]!;
    }

    private async Task<int> DraftClaimAsync(string user, DateOnly today)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.PostAsJsonAsync("/api/expenses/claims", SampleClaim(today));
        return (int)(await response.JsonObjectAsync())["id"]!;
    }
}

// On a hand-held clock (standing at ClockApp.Start, jobs off): the samples are derived from it, and
// the same samples meet the same rules (finance window, working days, EXP-04's month) on every run.
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteClockApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteClockApp>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresClockApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresClockApp>;
