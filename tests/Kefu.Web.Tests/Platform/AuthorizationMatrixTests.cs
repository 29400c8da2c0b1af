using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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

        /// <summary>The record a row's <see cref="Rule.Sample"/> made for it (an id or a token).</summary>
        public string Record { get; init; } = "";

        /// <summary>A second id the row needs (an attachment, a tracking point, a duplicate, a customer…).</summary>
        public string Child { get; init; } = "";

        /// <summary>A body read back from the app (settings saved as they are).</summary>
        public JsonNode? Payload { get; init; }

        public int RecordId => int.Parse(Record, System.Globalization.CultureInfo.InvariantCulture);

        public int ChildId => int.Parse(Child, System.Globalization.CultureInfo.InvariantCulture);
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
    /// <param name="Sample">
    /// Makes the row's own record, in the state the allowed call needs to succeed, once per app: the
    /// 401, 403 and 404 checks change nothing, so the one allowed call finds it as it was made.
    /// </param>
    public sealed record Rule(
        string? Allowed, HttpStatusCode AllowedStatus, string? Forbidden, string? OtherCentre,
        Func<Ids, string> Url, Func<Ids, object>? Body = null, Check KnownBugs = Check.None,
        Func<AuthorizationMatrixTests, Ids, Task<Ids>>? Sample = null);

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
        // PLT-05: staff managers import; the export is a read of one's scope, like the list.
        ["GET /api/staff/export"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/staff/export"),
        ["GET /api/staff/import/template"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, _ => "/api/staff/import/template"),
        ["POST /api/staff/import"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, _ => "/api/staff/import", _ => StaffImportForm()),
        ["GET /api/staff/{id}/owned"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/staff/{ids.ShEng1}/owned"),
        // A fresh Shanghai engineer (owning nothing, so no successor is needed) moves to Hangzhou.
        ["POST /api/staff/{id}/rotation"] = new("adminclerk", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/staff/{ids.Record}/rotation",
            ids => new { newOrgUnitId = ids.HzUnit }, Sample: (m, ids) => m.FreshEngineerAsync(ids)),

        ["GET /api/customers"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/customers"),
        ["GET /api/customers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}"),

        ["POST /api/customers"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/customers",
            _ => new { name = Unique("矩阵新客户"), phone = "021-5555 0100", grade = "B", confirmDuplicate = true }),
        ["PUT /api/customers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.Record}",
            _ => new { name = Unique("矩阵改名客户"), grade = "A" }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["GET /api/customers/{id:int}/history"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/history"),
        ["POST /api/customers/{id:int}/contacts"] = new("sh.sup", HttpStatusCode.Created, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/contacts",
            _ => new { channel = "Phone", contactName = "王经理", summary = "介绍服务流程", outcome = "约定回访时间" }),
        ["POST /api/customers/{id:int}/portal-invitation"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.Record}/portal-invitation",
            Sample: (m, ids) => m.CustomerWithEmailAsync(ids)),
        ["GET /api/customers/assignment/suggestion"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, ids => $"/api/customers/assignment/suggestion?customerIds={ids.ShCustomer}"),
        ["POST /api/customers/assignment"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, _ => "/api/customers/assignment",
            ids => new { customerIds = new[] { ids.RecordId }, specialistId = ids.Child }, Sample: (m, ids) => m.UnassignedCustomerAsync(ids)),
        ["GET /api/customers/import/template"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/customers/import/template"),
        ["POST /api/customers/import"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/customers/import", _ => ImportForm()),
        ["GET /api/customers/{id:int}/duplicates"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/duplicates"),
        ["POST /api/customers/{id:int}/merge"] = new("sh.sup", HttpStatusCode.NoContent, "sh.cs", "hz.sup", ids => $"/api/customers/{ids.Record}/merge",
            ids => new { duplicateId = ids.ChildId }, Sample: (m, ids) => m.DuplicateCustomersAsync(ids)),
        ["GET /api/customers/{id:int}/analysis"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/analysis"),
        // CUS-08: a supervisor or above closes and reopens accounts; a specialist does not.
        ["POST /api/customers/{id:int}/close"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/customers/{ids.Record}/close",
            _ => new { reason = "客户停业" }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["POST /api/customers/{id:int}/reopen"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/customers/{ids.Record}/reopen",
            _ => new { reason = "客户恢复合作" }, Sample: (m, ids) => m.ClosedCustomerAsync(ids)),
        // CUS-01: a customer's contacts and addresses: readers list them, customer managers change them, in scope.
        ["GET /api/customers/{id:int}/contact-persons"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/contact-persons"),
        ["POST /api/customers/{id:int}/contact-persons"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.Record}/contact-persons",
            _ => new { name = "矩阵联系人", phone = "021-5555 0103", email = "contact@matrix.example", position = "采购经理", portalAccess = true },
            Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["PUT /api/customers/{id:int}/contact-persons/{contactId:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup",
            ids => $"/api/customers/{ids.Record}/contact-persons/{ids.Child}", _ => new { name = "矩阵联系人改", phone = "021-5555 0104", isPrimary = true },
            Sample: (m, ids) => m.CustomerWithPeopleAsync(ids, "contact-persons", new { name = "矩阵第二联系人" })),
        ["DELETE /api/customers/{id:int}/contact-persons/{contactId:int}"] = new("sh.sup", HttpStatusCode.NoContent, "sh.eng1", "hz.sup",
            ids => $"/api/customers/{ids.Record}/contact-persons/{ids.Child}", Sample: (m, ids) => m.CustomerWithPeopleAsync(ids, "contact-persons", new { name = "矩阵待删联系人" })),
        ["GET /api/customers/{id:int}/addresses"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.ShCustomer}/addresses"),
        ["POST /api/customers/{id:int}/addresses"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", "hz.sup", ids => $"/api/customers/{ids.Record}/addresses",
            _ => new { label = "仓库", province = "上海", city = "上海", district = "浦东新区", line = "矩阵路 1 号" }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["PUT /api/customers/{id:int}/addresses/{addressId:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup",
            ids => $"/api/customers/{ids.Record}/addresses/{ids.Child}", _ => new { label = "办公", line = "矩阵路 2 号", isPrimary = true },
            Sample: (m, ids) => m.CustomerWithPeopleAsync(ids, "addresses", new { line = "矩阵路 3 号" })),
        ["DELETE /api/customers/{id:int}/addresses/{addressId:int}"] = new("sh.sup", HttpStatusCode.NoContent, "sh.eng1", "hz.sup",
            ids => $"/api/customers/{ids.Record}/addresses/{ids.Child}", Sample: (m, ids) => m.CustomerWithPeopleAsync(ids, "addresses", new { line = "矩阵路 4 号" })),
        ["GET /api/inquiries"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/inquiries"),
        ["GET /api/inquiries/territory"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/inquiries/territory?intent=Buy&province=Shanghai"),
        ["POST /api/inquiries"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/inquiries", _ => new { company = Unique("矩阵询盘"), intent = "Buy", province = "西藏" }),
        ["POST /api/inquiries/{id:int}/stage"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/inquiries/{ids.Record}/stage",
            _ => new { stage = "ConfirmProducts", notes = "确认两款产品" }, Sample: (m, ids) => m.FreshInquiryAsync(ids)),
        ["GET /api/incidents"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/incidents"),
        ["GET /api/incidents/analysis"] = new("qc", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/incidents/analysis"),
        ["GET /api/incidents/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}"),
        ["POST /api/incidents"] = new("sh.cs", HttpStatusCode.Created, "qc", null, _ => "/api/incidents", ids => IncidentBody(ids, sendReport: true)),
        // Each incident row has its own incident, in the state its action needs.
        ["POST /api/incidents/{id:int}/report"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/report",
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Unreported)),
        ["GET /api/intake"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/intake"),
        ["GET /api/intake/{id:int}"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/intake/{ids.Record}", Sample: (m, ids) => m.FreshIntakeItemAsync(ids)),
        ["POST /api/intake/{id:int}/incident"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/intake/{ids.Record}/incident",
            ids => new { type = "CustomerComplaint", phoneCallTo = "赵主任", phoneCallAt = ids.Now.AddMinutes(-1), sendReport = false }, Sample: (m, ids) => m.FreshIntakeItemAsync(ids)),
        ["POST /api/intake/{id:int}/order"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/intake/{ids.Record}/order",
            _ => new { jobType = "DoorToDoor", contentConfirmed = true }, Sample: (m, ids) => m.FreshIntakeItemAsync(ids)),
        ["POST /api/intake/{id:int}/job"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/intake/{ids.Record}/job",
            _ => new { mode = "Mobile", contactPhone = "13800000000" }, Sample: (m, ids) => m.FreshIntakeItemAsync(ids)),
        ["POST /api/intake/{id:int}/discard"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/intake/{ids.Record}/discard",
            _ => new { reason = "广告" }, Sample: (m, ids) => m.FreshIntakeItemAsync(ids)),
        ["GET /api/intake-mailboxes"] = new("admin", HttpStatusCode.OK, "sh.sup", null, _ => "/api/intake-mailboxes"),
        ["POST /api/intake-mailboxes/poll"] = new("admin", HttpStatusCode.OK, "sh.sup", null, _ => "/api/intake-mailboxes/poll"),
        // The matrix app has no email channel set up: past the role and scope checks, the reply is refused naming the field.
        ["POST /api/incidents/{id:int}/email-reply"] = new("sh.sup", HttpStatusCode.BadRequest, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/email-reply",
            _ => new { text = "已安排重新派送" }, Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/reply"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/reply", _ => new { text = "已致电客户说明情况" },
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/progress"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/progress", _ => new { text = "已安排重新派送" },
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/escalate"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/escalate", _ => new { text = "赔偿超出权限，请主任处理" },
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/investigation"] = new("qc", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/incidents/{ids.Record}/investigation",
            _ => new { finding = "承运商装车不当", concealed = false }, Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/plan"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/incidents/{ids.Record}/plan", _ => new { text = "增加出库复核" },
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Investigated)),
        ["POST /api/incidents/{id:int}/plan/decision"] = new("csdir", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/incidents/{ids.Record}/plan/decision",
            _ => new { action = "Approve" }, Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.PlanSubmitted)),
        ["POST /api/incidents/{id:int}/plan/send"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/plan/send",
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.PlanApproved)),
        ["POST /api/incidents/{id:int}/close"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.ShIncident}/close", _ => new { text = (string?)null }),
        // EXC-11: those who record incidents flag a major complaint; the regional manager (the branch GM) follows it up, another branch's finds nothing.
        ["POST /api/incidents/{id:int}/major"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/major", _ => new { reason = "需要赔付处理" },
            Sample: (m, ids) => m.FreshIncidentAsync(ids, IncidentStage.Reported)),
        ["POST /api/incidents/{id:int}/major-follow-up"] = new("east.gm", HttpStatusCode.OK, "sh.sup", "north.gm", ids => $"/api/incidents/{ids.Record}/major-follow-up",
            _ => new { text = "已约见客户，商定赔付方案" }, Sample: (m, ids) => m.MajorIncidentAsync(ids)),
        // EXC-10: the callback to the complainant after handling, by those who record incidents, on a closed incident of their scope.
        ["POST /api/incidents/{id:int}/callback"] = new("sh.sup", HttpStatusCode.OK, "qc", "hz.sup", ids => $"/api/incidents/{ids.Record}/callback",
            _ => new { satisfied = true, text = "客户对处理结果满意" }, Sample: (m, ids) => m.ClosedIncidentAsync(ids)),
        ["GET /api/cross-region"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/cross-region"),
        ["POST /api/cross-region"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/cross-region", _ => CrossRegionBody()),
        // A Shanghai case whose written report is in: the marketing director receives it.
        ["POST /api/cross-region/{id:int}/milestones"] = new("mkt", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/cross-region/{ids.Record}/milestones",
            _ => new { milestone = "ToMarketing" }, Sample: (m, ids) => m.ReportedCrossRegionCaseAsync(ids)),
        ["GET /api/cross-region/ledger"] = new("mkt", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/cross-region/ledger?quarter={ids.Quarter}"),
        ["GET /api/visits"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/visits"),
        ["POST /api/visits"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/visits",
            ids => new { customerId = ids.RecordId, channel = "Phone", contactName = "王经理", questions = "服务是否及时", rating = "Satisfied", feedback = "希望提前电话通知" },
            Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["POST /api/visits/plan"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, _ => "/api/visits/plan"),
        ["POST /api/visits/cases/{id:int}/close"] = new("sh.cs", HttpStatusCode.NoContent, "sh.eng1", "hz.cs", ids => $"/api/visits/cases/{ids.Record}/close", Sample: (m, ids) => m.FollowUpCaseAsync(ids)),
        ["GET /api/callbacks"] = new("sh.coord", HttpStatusCode.OK, "sh.cs", null, _ => "/api/callbacks"),
        ["POST /api/callbacks"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/callbacks",
            ids => new { jobReference = Unique("MATRIX-"), customerName = "矩阵客户", technicianId = ids.ShEng1, completedAt = ids.Now.AddHours(-1) }),
        ["POST /api/callbacks/{id:int}/result"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/callbacks/{ids.ShCallback}/result",
            _ => new { rating = "VerySatisfied", comment = "师傅很准时" }),
        ["GET /api/satisfaction"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", null, ids => $"/api/satisfaction?month={ids.Month}&by=Centre"),
        ["GET /api/surveys"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/surveys"),
        ["GET /api/surveys/{id:int}"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}"),
        ["POST /api/surveys"] = new("sh.sup", HttpStatusCode.Created, "sh.cs", null, _ => "/api/surveys", _ => SampleSurvey!),
        ["PUT /api/surveys/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/surveys/{ids.Record}", _ => SampleSurvey!, Sample: (m, ids) => m.DraftSurveyAsync(ids)),
        ["POST /api/surveys/{id:int}/publish"] = new("sh.sup", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}/publish"),
        ["POST /api/surveys/{id:int}/invitations"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", "hz.sup", ids => $"/api/surveys/{ids.ShSurvey}/invitations",
            _ => new { respondentName = "矩阵受访者" }),
        // Public: a respondent has no account, only the link of an invitation (a forged token finds nothing: SurveyLinkTests).
        ["GET /api/public/surveys/{token}"] = new(null, HttpStatusCode.OK, null, null, ids => $"/api/public/surveys/{ids.Record}", Sample: (m, ids) => m.SurveyLinkAsync(ids)),
        ["POST /api/public/surveys/{token}"] = new(null, HttpStatusCode.NoContent, null, null, ids => $"/api/public/surveys/{ids.Record}",
            _ => new { answers = new Dictionary<string, string> { ["q1"] = "VerySatisfied" } }, Sample: (m, ids) => m.SurveyLinkAsync(ids)),
        ["GET /api/audit"] = new("gm", HttpStatusCode.OK, "sh.sup", null, _ => "/api/audit"),
        // Orders (ORD-01..08): each row that changes an order has its own, of a customer of its own, in the state the action needs;
        // the demo's order 1 (a Shanghai draft) and handover 1 (approved) serve the reads.
        ["GET /api/orders"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders"),
        ["POST /api/orders"] = new("sh.cs", HttpStatusCode.Created, "gm", null, _ => "/api/orders", ids => OrderBody(ids, ids.RecordId), Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["GET /api/orders/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1"),
        ["PUT /api/orders/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}", ids => OrderBody(ids, ids.ChildId),
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Draft)),
        ["GET /api/orders/{id:int}/review"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/review"),
        ["POST /api/orders/{id:int}/confirm"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/confirm", _ => new { },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.NoticeAttached)),
        ["POST /api/orders/{id:int}/attachments"] = new("sh.sup", HttpStatusCode.Created, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/attachments",
            _ => PdfForm("DangerousGoodsNotice"), Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Draft)),
        ["GET /api/orders/{id:int}/attachments/{attachmentId:long}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/orders/{ids.Record}/attachments/{ids.Child}",
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.NoticeAttached)),
        ["PUT /api/orders/{id:int}/tracking-class"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/tracking-class", _ => new { trackingClass = "B" },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Confirmed)),
        ["POST /api/orders/{id:int}/tracking-points/{pointId:int}/done"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/tracking-points/{ids.Child}/done",
            _ => new { note = "已打印" }, Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Confirmed)),
        ["POST /api/orders/{id:int}/arrival"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/arrival", ids => new { actualArrival = ids.Now, satisfied = true },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Confirmed)),
        ["POST /api/orders/{id:int}/inform"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/inform", _ => new { channel = "Phone" },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Delivered)),
        ["POST /api/orders/{id:int}/late"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/late",
            _ => new { cause = "高速封路", remedy = "改道调发", consignorInformed = true, consigneeInformed = true },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Confirmed)),
        // ORD-01: an email order's confirmation with the customer, while a draft; ORD-04: a confirmed city job's vehicle, driver and ETA.
        ["POST /api/orders/{id:int}/email-confirmation"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/email-confirmation",
            ids => new { confirmedWith = "王经理", confirmedAt = ids.Now, method = "Phone", content = "件数、地址、到货时间已核对" }, Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Draft)),
        ["POST /api/orders/{id:int}/city-job"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/city-job",
            ids => new { vehicle = "沪A12345", driver = "张师傅", driverPhone = "13800138000", eta = ids.Now.AddHours(3) }, Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Confirmed)),
        ["POST /api/orders/{id:int}/close"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/{ids.Record}/close", Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Delivered)),
        // Also the dispatch or freight centre the order was routed to, once confirmed (a draft is routed nowhere).
        ["GET /api/orders/{id:int}/print"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/print"),
        ["GET /api/orders/{id:int}/flow"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/1/flow"),
        // A distributor order (ORD-08): the business assistant owns its first step.
        ["POST /api/orders/{id:int}/flow/{stepKey}"] = new("bizasst", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/orders/{ids.Record}/flow/check-stock", _ => new { note = "库存充足" },
            Sample: (m, ids) => m.FreshOrderAsync(ids, OrderStage.Distributor)),
        ["GET /api/settings/order-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/order-policy"),
        // Settings are saved as they are read: the allowed call succeeds and changes nothing other rows rely on.
        ["PUT /api/settings/order-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/order-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/order-policy")),
        ["GET /api/orders/tracking-sheet"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders/tracking-sheet"),
        ["GET /api/orders/reconciliation"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/orders/reconciliation?date={ids.Date()}"),
        ["PUT /api/orders/reconciliation/counts"] = new("sh.cs", HttpStatusCode.OK, "gm", null, _ => "/api/orders/reconciliation/counts",
            ids => new { customerId = ids.RecordId, date = ids.Date(), statedCount = 2 }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["GET /api/orders/handovers"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/orders/handovers"),
        ["GET /api/orders/handovers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", _ => "/api/orders/handovers/1"),
        ["POST /api/orders/handovers"] = new("sh.cs", HttpStatusCode.Created, "gm", null, _ => "/api/orders/handovers",
            ids => new { customerId = ids.RecordId, delivery = true, contractOrQuote = "合同 HT-矩阵：上海市内 ¥1.2/kg" }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["PUT /api/orders/handovers/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/handovers/{ids.Record}",
            ids => new { customerId = ids.ChildId, delivery = true, storage = true, contractOrQuote = "合同 HT-矩阵：含仓储" },
            Sample: (m, ids) => m.FreshHandoverAsync(ids, submitted: false)),
        ["POST /api/orders/handovers/{id:int}/submit"] = new("sh.sup", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/orders/handovers/{ids.Record}/submit", Sample: (m, ids) => m.FreshHandoverAsync(ids, submitted: false)),
        // Leaders see the whole company, so no leader is outside the form's scope.
        ["POST /api/orders/handovers/{id:int}/special-procedure"] = new("gm", HttpStatusCode.OK, "sh.sup", null, ids => $"/api/orders/handovers/{ids.Record}/special-procedure",
            _ => new { reason = "客户急单，合同补签中" }, Sample: (m, ids) => m.FreshHandoverAsync(ids, submitted: false)),
        // Any signed-in person may try; the engine lets only the step's approver act (the first step is the marketing manager's).
        ["POST /api/orders/handovers/{id:int}/decision"] = new("mkt", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/orders/handovers/{ids.Record}/decision",
            _ => new { stepKey = "marketing-manager", action = "Approve" }, Sample: (m, ids) => m.FreshHandoverAsync(ids, submitted: true)),

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
        ["GET /api/calendars/{id}/years/{year}/export"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/years/2026/export"),
        ["GET /api/calendars/{id}/years/{year}/import/template"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/years/2041/import/template"),
        ["POST /api/calendars/{id}/years/{year}/import"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/years/2040/import",
            _ => CalendarYearForm(2040)),
        ["PUT /api/calendars/{id}/years/{year}"] = new("admin", HttpStatusCode.OK, "adminclerk", null, _ => "/api/calendars/cn/years/2038",
            _ => new { arranged = true }),
        ["GET /api/settings/calendar-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/calendar-policy"),
        ["PUT /api/settings/calendar-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/calendar-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/calendar-policy")),

        ["GET /api/notifications"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/notifications"),
        ["GET /api/notifications/unread-count"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/notifications/unread-count"),
        // Inbox items are one person's: nobody else finds them.
        ["POST /api/notifications/{id:long}/read"] = new("sh.eng1", HttpStatusCode.NoContent, null, "sh.eng2", ids => $"/api/notifications/{ids.Record}/read", Sample: (m, ids) => m.NotificationAsync(ids, "sh.eng1")),
        ["POST /api/notifications/read-all"] = new("sh.eng1", HttpStatusCode.NoContent, null, null, _ => "/api/notifications/read-all"),
        ["GET /api/notifications/channels"] = new("admin", HttpStatusCode.OK, "sh.sup", null, _ => "/api/notifications/channels"),
        // The WeCom robot points at a local listener, which answers as the robot does.
        ["POST /api/notifications/channels/{channel}/test"] = new("admin", HttpStatusCode.OK, "sh.sup", null, _ => "/api/notifications/channels/wecom/test", _ => new { },
            Sample: (m, ids) => m.WeComRobotAsync(ids)),

        ["GET /api/sla/timers"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/sla/timers?recordType=Matrix&recordId=1"),
        ["GET /api/sla/deadlines"] = new("sh.eng1", HttpStatusCode.OK, null, null, _ => "/api/sla/deadlines?state=all"),

        ["GET /api/expenses/claims"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/expenses/claims"),
        ["GET /api/expenses/claims/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/expenses/claims/{ids.ShClaim}"),
        ["POST /api/expenses/claims"] = new("sh.eng1", HttpStatusCode.Created, "gm", null, _ => "/api/expenses/claims", SampleClaim),
        ["PUT /api/expenses/claims/{id:int}"] = new("sh.eng1", HttpStatusCode.OK, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShClaim}", SampleClaim),
        // Only the claimant deletes or submits their own draft (another claimant of the same centre finds nothing: ORG_03_only_the_claimant_deletes_or_submits_a_draft).
        ["DELETE /api/expenses/claims/{id:int}"] = new("sh.eng1", HttpStatusCode.NoContent, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.Record}",
            Sample: (m, ids) => m.FreshClaimAsync(ids, "sh.eng1", ClaimStage.Draft)),
        ["POST /api/expenses/claims/{id:int}/submit"] = new("sh.eng1", HttpStatusCode.OK, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.Record}/submit",
            Sample: (m, ids) => m.FreshClaimAsync(ids, "sh.eng1", ClaimStage.Draft)),
        // Any signed-in person may try; the engine lets only the step's approver act: the supervisor, on a submitted claim.
        ["POST /api/expenses/claims/{id:int}/decision"] = new("sh.sup", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/expenses/claims/{ids.Record}/decision",
            _ => new { stepKey = "supervisor", action = "Approve" }, Sample: (m, ids) => m.FreshClaimAsync(ids, "sh.eng1", ClaimStage.Submitted)),
        ["POST /api/expenses/claims/{id:int}/fines"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/expenses/claims/{ids.Record}/fines",
            _ => new { reason = "BadReceipts", note = "发票抬头不符" }, Sample: (m, ids) => m.FreshClaimAsync(ids, "sh.eng1", ClaimStage.Submitted)),
        ["GET /api/expenses/batches"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", null, _ => "/api/expenses/batches"),
        ["GET /api/expenses/batches/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/expenses/batches/{ids.Record}", Sample: (m, ids) => m.ShanghaiBatchAsync(ids)),
        // A Hangzhou form was submitted: the centre's supervisor batches it.
        ["POST /api/expenses/batches"] = new("hz.sup", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/expenses/batches", Sample: (m, ids) => m.FreshClaimAsync(ids, "hz.eng1", ClaimStage.Submitted)),
        // EXP-12: the supervisor mails the centre's batch once the branch GM signed its forms.
        ["POST /api/expenses/batches/{id:int}/mail"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/expenses/batches/{ids.Record}/mail",
            Sample: (m, ids) => m.SignedShanghaiBatchAsync(ids)),
        ["POST /api/expenses/batches/{id:int}/received"] = new("auditor", HttpStatusCode.NoContent, "sh.sup", null, ids => $"/api/expenses/batches/{ids.Record}/received",
            ids => new { claimId = ids.ChildId }, Sample: (m, ids) => m.ShanghaiBatchAsync(ids)),
        ["GET /api/expenses/reports"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/expenses/reports?from={ids.Today.Year}-01-01&to={ids.Today.Year}-12-31"),
        ["GET /api/settings/expense-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/expense-policy"),
        ["PUT /api/settings/expense-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/expense-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/expense-policy")),
        ["GET /api/settings/approval-chains/expense-claim"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/approval-chains/expense-claim"),
        ["PUT /api/settings/approval-chains/expense-claim"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/approval-chains/expense-claim", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/approval-chains/expense-claim")),
        // Only the claimant attaches, as multipart.
        ["POST /api/expenses/claims/{id:int}/attachments"] = new("sh.eng1", HttpStatusCode.Created, "gm", "hz.eng1", ids => $"/api/expenses/claims/{ids.ShClaim}/attachments", _ => PdfForm("Receipt")),
        ["GET /api/expenses/claims/{id:int}/attachments/{attachmentId:long}"] = new("sh.sup", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/expenses/claims/{ids.Record}/attachments/{ids.Child}",
            Sample: (m, ids) => m.FreshClaimAsync(ids, "sh.eng1", ClaimStage.WithReceipt)),
        // Field service (FLD, CHG): coordinators dispatch, the job's technician works it; each row has its own job in the state it needs.
        ["GET /api/field/jobs"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/jobs"),
        ["GET /api/field/jobs/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/jobs/{ids.Record}", Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Assigned)),
        ["POST /api/field/jobs"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/field/jobs",
            _ => new { type = "Repair", customerName = Unique("矩阵报修"), problem = "打印机卡纸", skill = "打印机", siteLatitude = 31.23, siteLongitude = 121.47 }),
        ["POST /api/field/jobs/{id:int}/assign"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/jobs/{ids.Record}/assign", ids => new { technicianId = ids.ShEng1 },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.New)),
        ["GET /api/field/jobs/{id:int}/suggestions"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/jobs/{ids.Record}/suggestions", Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.New)),
        ["POST /api/field/jobs/{id:int}/accept"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/accept", _ => new { },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Assigned)),
        ["POST /api/field/jobs/{id:int}/set-out"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/set-out", _ => new { latitude = 31.2, longitude = 121.4 },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Assigned)),
        ["POST /api/field/jobs/{id:int}/arrive"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/arrive", _ => new { note = "到场" },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Assigned)),
        ["POST /api/field/jobs/{id:int}/finish"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/finish",
            _ => new { workDone = "清洁进纸通道", issue = "Other", cooperationFormCharged = true, rating = "Satisfied" }, Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Arrived)),
        ["POST /api/field/jobs/{id:int}/sign"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/sign",
            _ => new { signedBy = "王先生", signature = Kefu.Web.Tests.Modules.Field.FieldJobTests.SignaturePng }, Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Finished)),
        ["POST /api/field/jobs/{id:int}/photos"] = new("sh.eng1", HttpStatusCode.Created, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/photos", _ => PdfForm("Photo"),
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Assigned)),
        ["POST /api/field/jobs/{id:int}/dispute"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/dispute", _ => new { note = "客户对收费有异议" },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Finished)),
        ["POST /api/field/jobs/{id:int}/decision"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/jobs/{ids.Record}/decision", _ => new { charge = false, decidedBy = "业务员" },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.Disputed)),
        ["POST /api/field/jobs/{id:int}/stage"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/jobs/{ids.Record}/stage", _ => new { stage = "Diagnosis" },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.New)),
        ["POST /api/field/jobs/{id:int}/close"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/jobs/{ids.Record}/close", Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.SignedByCustomer)),
        ["POST /api/field/jobs/{id:int}/cancel"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/jobs/{ids.Record}/cancel", _ => new { reason = "客户取消报修" },
            Sample: (m, ids) => m.FreshJobAsync(ids, JobStage.New)),
        ["GET /api/field/board"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/field/board"),
        ["POST /api/field/me/position"] = new("sh.eng1", HttpStatusCode.NoContent, "adminclerk", null, _ => "/api/field/me/position", _ => new { latitude = 31.23, longitude = 121.47 }),
        ["POST /api/field/me/duty"] = new("sh.eng2", HttpStatusCode.NoContent, "adminclerk", null, _ => "/api/field/me/duty", _ => new { offDuty = false }),
        ["GET /api/settings/field-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/field-policy"),
        ["PUT /api/settings/field-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/field-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/field-policy")),
        ["GET /api/field/price-items"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/price-items"),
        ["POST /api/field/price-items"] = new("csmgr", HttpStatusCode.Created, "sh.coord", null, _ => "/api/field/price-items",
            _ => new { code = Unique("M-"), name = "矩阵收费项", kind = "Part", priceYuan = 12.5m }),
        ["GET /api/field/price-items/export"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/price-items/export"),
        ["GET /api/field/price-items/import/template"] = new("csmgr", HttpStatusCode.OK, "sh.coord", null, _ => "/api/field/price-items/import/template"),
        ["POST /api/field/price-items/import"] = new("csmgr", HttpStatusCode.OK, "sh.coord", null, _ => "/api/field/price-items/import",
            _ => Sheets.Form(Sheets.Build(["编号", "名称", "类别", "价格（元）"], [Unique("M-"), "矩阵导入收费项", "配件", 9.5m]))),
        ["PUT /api/field/price-items/{id:int}"] = new("csmgr", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/field/price-items/{ids.Record}",
            ids => new { code = ids.Child, name = "矩阵收费项（改）", kind = "Part", priceYuan = 13m }, Sample: (m, ids) => m.FreshPriceItemAsync(ids)),
        ["GET /api/field/resident-posts"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/resident-posts"),
        ["GET /api/field/resident-posts/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/resident-posts/{ids.Record}", Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["POST /api/field/resident-posts"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/field/resident-posts",
            ids => new { name = Unique("矩阵驻点"), customerId = ids.RecordId, leadId = ids.ShEng1 }, Sample: (m, ids) => m.FreshCustomerAsync(ids)),
        ["PUT /api/field/resident-posts/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/resident-posts/{ids.Record}",
            ids => new { name = Unique("矩阵驻点改"), leadId = ids.ShEng1 }, Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["GET /api/field/resident-posts/{id:int}/attendance"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/resident-posts/{ids.Record}/attendance?month={ids.Month}",
            Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["POST /api/field/resident-posts/{id:int}/attendance"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/resident-posts/{ids.Record}/attendance",
            ids => new { date = ids.Date(), technicianId = ids.ShEng1, status = "Present" }, Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["POST /api/field/resident-posts/{id:int}/attendance/submit"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/resident-posts/{ids.Record}/attendance/submit",
            ids => new { month = ids.Month }, Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["POST /api/field/resident-posts/{id:int}/reports"] = new("sh.eng1", HttpStatusCode.Created, "adminclerk", "hz.eng1", ids => $"/api/field/resident-posts/{ids.Record}/reports",
            ids => new { month = ids.Month, workSummary = "矩阵月报" }, Sample: (m, ids) => m.FreshPostAsync(ids)),
        ["GET /api/field/resident-reports"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/resident-reports"),
        ["GET /api/field/resident-reports/{id:int}"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/resident-reports/{ids.Record}",
            Sample: (m, ids) => m.FreshReportAsync(ids, ReportStage.Draft)),
        ["PUT /api/field/resident-reports/{id:int}"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/resident-reports/{ids.Record}",
            _ => new { workSummary = "矩阵月报（改）" }, Sample: (m, ids) => m.FreshReportAsync(ids, ReportStage.Draft)),
        ["POST /api/field/resident-reports/{id:int}/submit"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", "hz.eng1", ids => $"/api/field/resident-reports/{ids.Record}/submit",
            Sample: (m, ids) => m.FreshReportAsync(ids, ReportStage.Draft)),
        // Any signed-in person may try; the engine lets only the step's approver act (the first step is the centre's team leader's).
        ["POST /api/field/resident-reports/{id:int}/decision"] = new("sh.lead", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/field/resident-reports/{ids.Record}/decision",
            _ => new { stepKey = "team-leader", action = "Approve" }, Sample: (m, ids) => m.FreshReportAsync(ids, ReportStage.Submitted)),
        // The key-account department works company-wide: no sender is outside the report's scope.
        ["POST /api/field/resident-reports/{id:int}/send"] = new("bizasst", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/field/resident-reports/{ids.Record}/send",
            _ => new { }, Sample: (m, ids) => m.FreshReportAsync(ids, ReportStage.Stamped)),
        ["GET /api/settings/approval-chains/resident-report"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/approval-chains/resident-report"),
        ["PUT /api/settings/approval-chains/resident-report"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/approval-chains/resident-report", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/approval-chains/resident-report")),
        ["GET /api/field/team-projects"] = new("sh.eng1", HttpStatusCode.OK, "adminclerk", null, _ => "/api/field/team-projects"),
        ["GET /api/field/team-projects/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/team-projects/{ids.Record}",
            Sample: (m, ids) => m.FreshProjectAsync(ids, started: false)),
        ["POST /api/field/team-projects"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/field/team-projects", ids => ids.Payload!,
            Sample: (m, ids) => m.ProjectPlanAsync(ids)),
        ["PUT /api/field/team-projects/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/field/team-projects/{ids.Record}", ids => ids.Payload!,
            Sample: (m, ids) => m.FreshProjectAsync(ids, started: false)),
        ["POST /api/field/team-projects/{id:int}/start"] = new("sh.lead", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/team-projects/{ids.Record}/start",
            Sample: (m, ids) => m.FreshProjectAsync(ids, started: false)),
        ["POST /api/field/team-projects/{id:int}/daily-reports"] = new("sh.lead", HttpStatusCode.Created, "adminclerk", "hz.sup", ids => $"/api/field/team-projects/{ids.Record}/daily-reports",
            _ => new { progressPercent = 30, workDone = "矩阵日报" }, Sample: (m, ids) => m.FreshProjectAsync(ids, started: true)),
        ["POST /api/field/team-projects/{id:int}/devices"] = new("sh.eng1", HttpStatusCode.Created, "adminclerk", "hz.eng1", ids => $"/api/field/team-projects/{ids.Record}/devices",
            _ => new { model = "Dell R740", serialNumber = "SN-M1", quantity = 1 }, Sample: (m, ids) => m.FreshProjectAsync(ids, started: true)),
        ["POST /api/field/team-projects/{id:int}/finish"] = new("sh.lead", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/field/team-projects/{ids.Record}/finish",
            _ => new { workDone = "矩阵完成", summary = "按期完成" }, Sample: (m, ids) => m.FreshProjectAsync(ids, started: true)),
        ["GET /api/receivables/confirmations"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", null, _ => "/api/receivables/confirmations"),
        ["GET /api/receivables/confirmations/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/confirmations/{ids.Record}",
            Sample: (m, ids) => m.FreshConfirmationAsync(ids)),
        ["POST /api/receivables/confirmations"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/receivables/confirmations",
            ids => new { number = Unique("SC-"), customerId = ids.ShCustomer, technicianId = ids.ShEng1, items = "矩阵销售", amountYuan = 100.5m }),
        ["POST /api/receivables/confirmations/{id:int}/reverse"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/confirmations/{ids.Record}/reverse",
            _ => new { reason = "登记错误" }, Sample: (m, ids) => m.FreshConfirmationAsync(ids)),
        ["GET /api/receivables/invoices"] = new("finance", HttpStatusCode.OK, "adminclerk", null, _ => "/api/receivables/invoices"),
        ["GET /api/receivables/invoices/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/invoices/{ids.Record}",
            Sample: (m, ids) => m.FreshInvoiceAsync(ids)),
        ["POST /api/receivables/invoices"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/receivables/invoices",
            ids => new { number = Unique("FP-"), customerId = ids.ShCustomer, amountYuan = 88.8m, invoiceDate = ids.Date(-1), settlement = "Retail" }),
        ["POST /api/receivables/invoices/{id:int}/reverse"] = new("finance", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/invoices/{ids.Record}/reverse",
            _ => new { reason = "开错发票" }, Sample: (m, ids) => m.FreshInvoiceAsync(ids)),
        ["POST /api/receivables/invoices/{id:int}/extensions"] = new("sh.coord", HttpStatusCode.Created, "adminclerk", "hz.sup", ids => $"/api/receivables/invoices/{ids.Record}/extensions",
            ids => new { requestedDueDate = ids.Date(120), reason = "客户资金周转" }, Sample: (m, ids) => m.FreshInvoiceAsync(ids)),
        ["POST /api/receivables/invoices/{id:int}/omission-fine"] = new("sh.sup", HttpStatusCode.OK, "sh.coord", "hz.sup", ids => $"/api/receivables/invoices/{ids.Record}/omission-fine",
            _ => new { note = "漏登记销售台账" }, Sample: (m, ids) => m.FreshInvoiceAsync(ids)),
        ["GET /api/receivables/payments"] = new("finance", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/receivables/payments"),
        ["GET /api/receivables/payments/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/payments/{ids.Record}",
            Sample: (m, ids) => m.FreshPaymentAsync(ids)),
        ["POST /api/receivables/payments"] = new("finance", HttpStatusCode.Created, "sh.coord", null, _ => "/api/receivables/payments",
            ids => new { customerId = ids.ShCustomer, amountYuan = 10m, method = "Transfer", receivedOn = ids.Date() }),
        ["POST /api/receivables/payments/{id:int}/allocate"] = new("finance", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/payments/{ids.Record}/allocate",
            _ => new { }, Sample: (m, ids) => m.FreshPaymentAsync(ids)),
        ["POST /api/receivables/payments/{id:int}/reverse"] = new("finance", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/payments/{ids.Record}/reverse",
            _ => new { reason = "支票退票" }, Sample: (m, ids) => m.FreshPaymentAsync(ids)),
        ["GET /api/receivables/extensions/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/extensions/{ids.Record}",
            Sample: (m, ids) => m.FreshExtensionAsync(ids)),
        ["POST /api/receivables/extensions/{id:int}/decision"] = new("csmgr", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/receivables/extensions/{ids.Record}/decision",
            _ => new { stepKey = "dept-manager", action = "Approve" }, Sample: (m, ids) => m.FreshExtensionAsync(ids)),
        ["GET /api/receivables/aging"] = new("finance", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/receivables/aging?asOf={ids.Date()}&by=Technician"),
        ["GET /api/receivables/rounds"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/receivables/rounds?weekStart={ids.Date()}"),
        ["GET /api/receivables/rounds/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/rounds/{ids.Record}",
            Sample: (m, ids) => m.FreshRoundEntryAsync(ids)),
        ["POST /api/receivables/rounds/{id:int}/confirm"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/rounds/{ids.Record}/confirm",
            _ => new { differences = Array.Empty<object>() }, Sample: (m, ids) => m.FreshRoundEntryAsync(ids)),
        ["GET /api/receivables/rounds/overdue"] = new("csmgr", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/rounds/overdue?asOf={ids.Date()}"),
        ["POST /api/receivables/rounds/overdue/{invoiceId:int}/send"] = new("csmgr", HttpStatusCode.Created, "sh.coord", "hz.sup", ids => $"/api/receivables/rounds/overdue/{ids.Record}/send",
            _ => new { reason = "矩阵：请跟进回款" }, Sample: (m, ids) => m.FreshInvoiceAsync(ids)),
        ["GET /api/receivables/collection/projects"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/receivables/collection/projects?asOf={ids.Date()}"),
        ["POST /api/receivables/collection/projects"] = new("sh.sup", HttpStatusCode.Created, "sh.coord", null, _ => "/api/receivables/collection/projects",
            _ => new { name = Unique("矩阵收费-"), dailyTargetYuan = 100m, monthlyTargetYuan = 3000m }),
        ["GET /api/receivables/collection/projects/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/collection/projects/{ids.Record}",
            Sample: (m, ids) => m.FreshCollectionProjectAsync(ids)),
        ["POST /api/receivables/collection/projects/{id:int}/entries"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", "hz.sup",
            ids => $"/api/receivables/collection/projects/{ids.Record}/entries", _ => new { amountYuan = 88.8m, note = "矩阵" }, Sample: (m, ids) => m.FreshCollectionProjectAsync(ids)),
        ["POST /api/receivables/collection/projects/{id:int}/entries/{entryId:long}/reverse"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup",
            ids => $"/api/receivables/collection/projects/{ids.Record}/entries/{ids.Child}/reverse", _ => new { reason = "矩阵冲销" },
            Sample: (m, ids) => m.FreshCollectionEntryAsync(ids)),
        ["POST /api/receivables/collection/projects/{id:int}/arrears"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", "hz.sup",
            ids => $"/api/receivables/collection/projects/{ids.Record}/arrears", ids => new { debtor = "矩阵欠费户", owedYuan = 1200m, since = ids.Date(-40) },
            Sample: (m, ids) => m.FreshCollectionProjectAsync(ids)),
        ["POST /api/receivables/collection/arrears/{id:int}/steps"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup",
            ids => $"/api/receivables/collection/arrears/{ids.Record}/steps", _ => new { step = "Reminder", note = "矩阵催缴" }, Sample: (m, ids) => m.FreshArrearsAsync(ids)),
        ["POST /api/receivables/collection/arrears/{id:int}/close"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup",
            ids => $"/api/receivables/collection/arrears/{ids.Record}/close", _ => new { outcome = "Paid", note = "矩阵结清" }, Sample: (m, ids) => m.FreshArrearsAsync(ids)),
        ["GET /api/receivables/statements"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", null, ids => $"/api/receivables/statements?month={StatementMonth(ids)}&status=Summarised"),
        ["GET /api/receivables/statements/preview"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/receivables/statements/preview?customerId={ids.ShCustomer}&month={StatementMonth(ids)}"),
        ["GET /api/receivables/statements/{id:int}"] = new("sh.coord", HttpStatusCode.OK, "adminclerk", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}",
            Sample: (m, ids) => m.FreshStatementAsync(ids, "Summarised")),
        ["POST /api/receivables/statements"] = new("sh.coord", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/receivables/statements",
            ids => new { customerId = ids.ChildId, month = StatementMonth(ids) }, Sample: (m, ids) => m.FreshStatementAsync(ids, null)),
        ["POST /api/receivables/statements/{id:int}/review"] = new("sh.sup", HttpStatusCode.OK, "sh.coord", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/review",
            _ => new { approve = true }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Summarised")),
        ["POST /api/receivables/statements/{id:int}/check"] = new("finance", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/statements/{ids.Record}/check",
            _ => new { approve = true }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Reviewed")),
        ["POST /api/receivables/statements/{id:int}/resubmit"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/resubmit",
            Sample: (m, ids) => m.FreshStatementAsync(ids, "Returned")),
        ["POST /api/receivables/statements/{id:int}/send"] = new("sh.coord", HttpStatusCode.OK, "finance", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/send",
            _ => new { }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Checked")),
        ["POST /api/receivables/statements/{id:int}/confirm"] = new("sh.coord", HttpStatusCode.OK, "finance", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/confirm",
            _ => new { confirmedBy = "矩阵会计" }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Sent")),
        ["POST /api/receivables/statements/{id:int}/dispute"] = new("sh.coord", HttpStatusCode.OK, "finance", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/dispute",
            _ => new { by = "矩阵会计", note = "数量不符" }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Sent")),
        ["POST /api/receivables/statements/{id:int}/invoice"] = new("finance", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/invoice",
            ids => new { number = Unique("FP-"), invoiceDate = ids.Date(-1) }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Confirmed")),
        ["POST /api/receivables/statements/{id:int}/deliver"] = new("finance", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/deliver",
            _ => new { mode = "SignedOutByCs", deliveredBy = "矩阵客服" }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Invoiced")),
        ["POST /api/receivables/statements/{id:int}/write-off"] = new("finance", HttpStatusCode.OK, "sh.coord", null, ids => $"/api/receivables/statements/{ids.Record}/write-off",
            Sample: (m, ids) => m.FreshStatementAsync(ids, "Paid")),
        ["POST /api/receivables/statements/{id:int}/withdraw"] = new("sh.coord", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/receivables/statements/{ids.Record}/withdraw",
            _ => new { reason = "矩阵撤回" }, Sample: (m, ids) => m.FreshStatementAsync(ids, "Summarised")),
        ["GET /api/training/courses"] = new("sh.cs", HttpStatusCode.OK, null, null, _ => "/api/training/courses"),
        ["GET /api/training/courses/{id:int}"] = new("sh.cs", HttpStatusCode.OK, null, null, ids => $"/api/training/courses/{ids.Record}", Sample: (m, ids) => m.TrainingCourseAsync(ids)),
        ["POST /api/training/courses"] = new("sh.sup", HttpStatusCode.Created, "sh.lead", null, _ => "/api/training/courses",
            _ => new { category = "Email", title = Unique("矩阵课程"), material = "# 标题\n- 要点", published = true }),
        ["PUT /api/training/courses/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.lead", null, ids => $"/api/training/courses/{ids.Record}",
            _ => new { category = "Email", title = Unique("矩阵改名课程"), material = "正文" }, Sample: (m, ids) => m.TrainingCourseAsync(ids, fresh: true)),
        ["POST /api/training/courses/{id:int}/attachments"] = new("sh.sup", HttpStatusCode.Created, "sh.cs", null, ids => $"/api/training/courses/{ids.Record}/attachments",
            _ => PdfForm("Material"), Sample: (m, ids) => m.TrainingCourseAsync(ids)),
        ["GET /api/training/courses/{id:int}/attachments/{attachmentId:long}"] = new("sh.cs", HttpStatusCode.OK, null, null,
            ids => $"/api/training/courses/{ids.Record}/attachments/{ids.Child}", Sample: (m, ids) => m.CourseFileAsync(ids)),
        ["GET /api/training/courses/{id:int}/questions"] = new("sh.lead", HttpStatusCode.OK, "sh.cs", null, ids => $"/api/training/courses/{ids.Record}/questions", Sample: (m, ids) => m.TrainingCourseAsync(ids)),
        ["POST /api/training/courses/{id:int}/questions"] = new("sh.sup", HttpStatusCode.Created, "sh.lead", null, ids => $"/api/training/courses/{ids.Record}/questions",
            _ => new { kind = "SingleChoice", text = "矩阵试题", options = new[] { "甲", "乙" }, correct = new[] { 0 } }, Sample: (m, ids) => m.TrainingCourseAsync(ids, fresh: true)),
        ["POST /api/training/questions/{id:int}/retire"] = new("sh.sup", HttpStatusCode.OK, "sh.lead", null, ids => $"/api/training/questions/{ids.Record}/retire", Sample: (m, ids) => m.TrainingQuestionAsync(ids)),
        ["GET /api/training/exams"] = new("sh.cs", HttpStatusCode.OK, null, null, _ => "/api/training/exams"),
        ["GET /api/training/exams/{id:int}"] = new("sh.cs", HttpStatusCode.OK, null, null, ids => $"/api/training/exams/{ids.Record}", Sample: (m, ids) => m.TrainingExamAsync(ids)),
        ["POST /api/training/exams"] = new("sh.sup", HttpStatusCode.Created, "sh.lead", null, _ => "/api/training/exams",
            ids => new { title = Unique("矩阵考试"), courseIds = new[] { ids.RecordId }, published = true }, Sample: (m, ids) => m.TrainingCourseAsync(ids)),
        ["PUT /api/training/exams/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.lead", null, ids => $"/api/training/exams/{ids.Record}",
            ids => new { title = Unique("矩阵改名考试"), courseIds = new[] { ids.ChildId }, passMarkPercent = 70 }, Sample: (m, ids) => m.TrainingExamAsync(ids)),
        ["POST /api/training/exams/{id:int}/attempts"] = new("sh.cs", HttpStatusCode.Created, null, null, ids => $"/api/training/exams/{ids.Record}/attempts", Sample: (m, ids) => m.TrainingExamAsync(ids)),
        ["GET /api/training/attempts"] = new("sh.cs", HttpStatusCode.OK, null, null, _ => "/api/training/attempts"),
        ["GET /api/training/attempts/{id:int}"] = new("sh.cs", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/training/attempts/{ids.Record}", Sample: (m, ids) => m.TrainingAttemptAsync(ids, submitted: false)),
        ["POST /api/training/attempts/{id:int}/submit"] = new("sh.cs", HttpStatusCode.OK, null, "hz.cs", ids => $"/api/training/attempts/{ids.Record}/submit",
            _ => new { answers = Array.Empty<object>() }, Sample: (m, ids) => m.TrainingAttemptAsync(ids, submitted: false)),
        ["POST /api/training/attempts/{id:int}/grade"] = new("sh.lead", HttpStatusCode.OK, "sh.cs", "hz.sup", ids => $"/api/training/attempts/{ids.Record}/grade",
            ids => new { lines = new[] { new { questionId = ids.ChildId, points = 1 } } }, Sample: (m, ids) => m.TrainingAttemptAsync(ids, submitted: true)),
        ["GET /api/training/plans"] = new("sh.cs", HttpStatusCode.OK, null, null, _ => "/api/training/plans"),
        ["GET /api/training/plans/{id:int}"] = new("sh.cs", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/training/plans/{ids.Record}", Sample: (m, ids) => m.TrainingPlanAsync(ids, TrainingStage.Plan)),
        ["POST /api/training/plans"] = new("sh.sup", HttpStatusCode.Created, "sh.cs", null, _ => "/api/training/plans",
            ids => new { year = ids.Today.Year, month = ids.Today.Month, title = Unique("矩阵计划"), orgUnitId = ids.ShUnit }),
        ["POST /api/training/plans/{id:int}/sessions"] = new("sh.sup", HttpStatusCode.Created, "sh.cs", "hz.sup", ids => $"/api/training/plans/{ids.Record}/sessions",
            ids => new { courseId = ids.ChildId, startsAt = $"{ids.Today:yyyy-MM-dd}T10:00:00+08:00", trainerId = ids.ShEng1 }, Sample: (m, ids) => m.TrainingPlanAsync(ids, TrainingStage.Plan)),
        ["POST /api/training/sessions/{id:int}/sign-in"] = new("sh.cs", HttpStatusCode.OK, null, "hz.cs", ids => $"/api/training/sessions/{ids.Record}/sign-in", Sample: (m, ids) => m.TrainingPlanAsync(ids, TrainingStage.Session)),
        ["POST /api/training/sessions/{id:int}/attendance/{traineeId}/confirm"] = new("sh.lead", HttpStatusCode.OK, null, "hz.sup",
            ids => $"/api/training/sessions/{ids.Record}/attendance/{ids.Child}/confirm", Sample: (m, ids) => m.TrainingPlanAsync(ids, TrainingStage.SignedIn)),
        ["GET /api/training/duty"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/training/duty"),
        ["POST /api/training/duty/{userId}/exemption"] = new("admin", HttpStatusCode.NoContent, "sh.sup", null, ids => $"/api/training/duty/{ids.Record}/exemption",
            _ => new { reason = "矩阵豁免" }, Sample: (m, ids) => m.NewEmployeeAsync(ids)),
        ["GET /api/settings/training-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/training-policy"),
        ["PUT /api/settings/training-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/training-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/training-policy")),
        ["GET /api/settings/receivables-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/receivables-policy"),
        ["PUT /api/settings/receivables-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/receivables-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/receivables-policy")),

        ["GET /api/performance/me"] = new("sh.eng1", HttpStatusCode.OK, "finance", null, ids => $"/api/performance/me?month={ids.Month}"),
        ["GET /api/performance/records"] = new("sh.sup", HttpStatusCode.OK, "finance", null, ids => $"/api/performance/records?month={ids.Month}"),
        ["GET /api/performance/lines"] = new("sh.sup", HttpStatusCode.OK, "finance", null, ids => $"/api/performance/lines?month={ids.Month}"),
        ["GET /api/performance/preview"] = new("sh.sup", HttpStatusCode.OK, "finance", null, ids => $"/api/performance/preview?month={ids.Month}"),
        ["GET /api/performance/months"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/performance/months?month={ids.Month}"),
        ["POST /api/performance/months/run"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/performance/months/run",
            ids => new { month = PerformanceMonthText(ids, -1) }),
        ["POST /api/performance/months/{id:int}/lock"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/months/{ids.Record}/lock",
            Sample: (m, ids) => m.PerformanceMonthAsync(ids, -13, withBonus: false, locked: false)),
        ["POST /api/performance/lines/{id:long}/adjust"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/lines/{ids.Child}/adjust",
            _ => new { amountYuan = 100m, reason = "矩阵调整" }, Sample: (m, ids) => m.PerformanceMonthAsync(ids, -14, withBonus: true, locked: false)),
        ["POST /api/performance/corrections"] = new("sh.sup", HttpStatusCode.Created, "sh.eng1", "hz.sup", _ => "/api/performance/corrections",
            ids => new { lineId = long.Parse(ids.Child, System.Globalization.CultureInfo.InvariantCulture), amountYuan = -10m, reason = "矩阵更正" },
            Sample: (m, ids) => m.PerformanceMonthAsync(ids, -15, withBonus: true, locked: true)),
        ["POST /api/performance/project-bonuses"] = new("sh.sup", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/performance/project-bonuses",
            ids => SampleBonus(ids, PerformanceMonthText(ids, -1))),
        ["GET /api/performance/project-bonuses/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "finance", "hz.sup", ids => $"/api/performance/project-bonuses/{ids.Record}",
            Sample: (m, ids) => m.FreshBonusAsync(ids)),
        ["POST /api/performance/project-bonuses/{id:int}/documents"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/project-bonuses/{ids.Record}/documents",
            ids => new { documentsInOn = ids.Date(-1) }, Sample: (m, ids) => m.FreshBonusAsync(ids)),
        ["GET /api/settings/performance-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/performance-policy"),
        ["PUT /api/settings/performance-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/performance-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/performance-policy")),
        ["GET /api/performance/reports"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", null, ids => $"/api/performance/reports?month={ids.Month}"),
        ["POST /api/performance/reports"] = new("sh.sup", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/performance/reports",
            ids => new { month = ids.Month, unitId = ids.ShUnit }),
        ["GET /api/performance/reports/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/reports/{ids.Record}",
            Sample: (m, ids) => m.MonthlyReportAsync(ids, -20, CsReportStage.Draft)),
        ["PUT /api/performance/reports/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/reports/{ids.Record}",
            _ => new { commentary = "矩阵评述" }, Sample: (m, ids) => m.MonthlyReportAsync(ids, -21, CsReportStage.Draft)),
        ["POST /api/performance/reports/{id:int}/refresh"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/reports/{ids.Record}/refresh",
            Sample: (m, ids) => m.MonthlyReportAsync(ids, -22, CsReportStage.Draft)),
        ["POST /api/performance/reports/{id:int}/submit"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/reports/{ids.Record}/submit",
            Sample: (m, ids) => m.MonthlyReportAsync(ids, -23, CsReportStage.Commented)),
        ["POST /api/performance/reports/{id:int}/decision"] = new("csmgr", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/performance/reports/{ids.Record}/decision",
            _ => new { stepKey = "cs-manager", action = "Approve" }, Sample: (m, ids) => m.MonthlyReportAsync(ids, -24, CsReportStage.Submitted)),
        ["GET /api/performance/reports/{id:int}/pdf"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/performance/reports/{ids.Record}/pdf",
            Sample: (m, ids) => m.MonthlyReportAsync(ids, -25, CsReportStage.Approved)),
        ["GET /api/settings/approval-chains/cs-monthly-report"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/approval-chains/cs-monthly-report"),
        ["PUT /api/settings/approval-chains/cs-monthly-report"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/approval-chains/cs-monthly-report",
            ids => ids.Payload!, Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/approval-chains/cs-monthly-report")),
        ["GET /api/settings/approval-chains/receivable-extension"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/approval-chains/receivable-extension"),
        ["PUT /api/settings/approval-chains/receivable-extension"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/approval-chains/receivable-extension",
            ids => ids.Payload!, Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/approval-chains/receivable-extension")),
        // Memos and requests (APR-02..04). A memo of 上海中心 goes to 杭州中心, whose supervisor replies; Beijing sees neither.
        ["GET /api/requests/memos"] = new("sh.cs", HttpStatusCode.OK, null, null, _ => "/api/requests/memos"),
        ["GET /api/requests/memos/{id:int}"] = new("sh.sup", HttpStatusCode.OK, null, "bj.sup", ids => $"/api/requests/memos/{ids.Record}",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "memos", submitted: true)),
        ["POST /api/requests/memos"] = new("sh.sup", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/requests/memos", ids => MemoBody(ids)),
        ["PUT /api/requests/memos/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "bj.sup", ids => $"/api/requests/memos/{ids.Record}", ids => MemoBody(ids),
            Sample: (m, ids) => m.FreshRequestAsync(ids, "memos", submitted: false)),
        ["POST /api/requests/memos/{id:int}/submit"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "bj.sup", ids => $"/api/requests/memos/{ids.Record}/submit",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "memos", submitted: false)),
        // Any signed-in person may try; only the current step's person acts (the receiving centre's supervisor).
        ["POST /api/requests/memos/{id:int}/decision"] = new("hz.sup", HttpStatusCode.OK, null, "bj.sup", ids => $"/api/requests/memos/{ids.Record}/decision",
            _ => new { stepKey = "memo-reply", action = "Approve", comment = "已安排处理" }, Sample: (m, ids) => m.FreshRequestAsync(ids, "memos", submitted: true)),
        ["GET /api/requests/samples"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/requests/samples"),
        ["GET /api/requests/samples/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/requests/samples/{ids.Record}",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "samples", submitted: true)),
        ["POST /api/requests/samples"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/requests/samples", _ => SampleBody!),
        ["PUT /api/requests/samples/{id:int}"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/requests/samples/{ids.Record}", _ => SampleBody!,
            Sample: (m, ids) => m.FreshRequestAsync(ids, "samples", submitted: false)),
        ["POST /api/requests/samples/{id:int}/submit"] = new("sh.cs", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/requests/samples/{ids.Record}/submit",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "samples", submitted: false)),
        ["POST /api/requests/samples/{id:int}/decision"] = new("mkt", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/requests/samples/{ids.Record}/decision",
            _ => new { stepKey = "sample-approval", action = "Approve" }, Sample: (m, ids) => m.FreshRequestAsync(ids, "samples", submitted: true)),
        ["GET /api/requests/policies"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", null, _ => "/api/requests/policies"),
        ["GET /api/requests/policies/{id:int}"] = new("sh.sup", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/requests/policies/{ids.Record}",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "policies", submitted: true)),
        ["POST /api/requests/policies"] = new("sh.cs", HttpStatusCode.Created, "sh.eng1", null, _ => "/api/requests/policies", ids => PolicyBody(ids)),
        ["PUT /api/requests/policies/{id:int}"] = new("sh.cs", HttpStatusCode.OK, "sh.eng1", "hz.sup", ids => $"/api/requests/policies/{ids.Record}", ids => PolicyBody(ids),
            Sample: (m, ids) => m.FreshRequestAsync(ids, "policies", submitted: false)),
        ["POST /api/requests/policies/{id:int}/submit"] = new("sh.cs", HttpStatusCode.OK, "gm", "hz.sup", ids => $"/api/requests/policies/{ids.Record}/submit",
            Sample: (m, ids) => m.FreshRequestAsync(ids, "policies", submitted: false)),
        ["POST /api/requests/policies/{id:int}/decision"] = new("mkt", HttpStatusCode.OK, null, "hz.sup", ids => $"/api/requests/policies/{ids.Record}/decision",
            _ => new { stepKey = "policy-approval", action = "Approve", comment = "同意" }, Sample: (m, ids) => m.FreshRequestAsync(ids, "policies", submitted: true)),
        ["GET /api/settings/requests-policy"] = new("admin", HttpStatusCode.OK, "csmgr", null, _ => "/api/settings/requests-policy"),
        ["PUT /api/settings/requests-policy"] = new("admin", HttpStatusCode.NoContent, "csmgr", null, _ => "/api/settings/requests-policy", ids => ids.Payload!,
            Sample: (m, ids) => m.CurrentSettingAsync(ids, "/api/settings/requests-policy")),

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
            var sample = await SampleIdsAsync(key);
            using var response = await client.SendJsonAsync(key[..key.IndexOf(' ', StringComparison.Ordinal)], rule.Url(sample), rule.Body?.Invoke(sample));
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
        // A complete contact record: the refusal is the role's, not the validation's.
        using var response = await client.PostAsJsonAsync($"/api/customers/{ids.ShCustomer}/contacts", new { channel = "Phone", summary = "读者不应记录联系" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [ProviderFact]
    public async Task ORG_03_only_the_claimant_deletes_or_submits_a_draft()
    {
        var ids = await SampleIdsAsync();
        using var sameCentre = await app.ClientFor("sh.eng1");
        using (var delete = await sameCentre.DeleteAsync($"/api/expenses/claims/{ids.ShEng2Claim}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        using (var submit = await sameCentre.PostAsync($"/api/expenses/claims/{ids.ShEng2Claim}/submit", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        }

        using var claimant = await app.ClientFor("sh.eng2");
        var draft = await claimant.GetFromJsonAsync<JsonObject>($"/api/expenses/claims/{ids.ShEng2Claim}");
        Assert.Equal("Draft", (string?)draft!["status"]);
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

    /// <summary>The samples of one row: the shared ones and the row's own record, made once per app.</summary>
    public async Task<Ids> SampleIdsAsync(string endpoint)
    {
        var ids = await SampleIdsAsync();
        return Matrix[endpoint].Sample is { } sample ? await app.SharedAsync("matrix-sample " + endpoint, () => sample(this, ids)) : ids;
    }

    private async Task<(string Method, Rule Rule, Ids Ids)> ResolveAsync(string endpoint) =>
        (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], Matrix[endpoint], await SampleIdsAsync(endpoint));

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

    // ---- Each row's own record, in the state its allowed call needs -------------------------------

    public enum IncidentStage
    {
        Unreported,
        Reported,
        Investigated,
        PlanSubmitted,
        PlanApproved,
    }

    public enum JobStage
    {
        New,
        Assigned,
        Arrived,
        Finished,
        Disputed,
        SignedByCustomer,
    }

    private async Task<Ids> FreshJobAsync(Ids ids, JobStage stage)
    {
        var id = Id(await OkAsync("sh.coord", "POST", "/api/field/jobs", new { type = "Repair", customerName = Unique("矩阵工单"), problem = "无法开机" }));
        if (stage >= JobStage.Assigned)
        {
            await OkAsync("sh.coord", "POST", $"/api/field/jobs/{id}/assign", new { technicianId = ids.ShEng1 });
        }

        if (stage >= JobStage.Arrived)
        {
            await OkAsync("sh.eng1", "POST", $"/api/field/jobs/{id}/arrive", new { });
        }

        if (stage >= JobStage.Finished)
        {
            await OkAsync("sh.eng1", "POST", $"/api/field/jobs/{id}/finish", new { workDone = "更换电源", issue = "Hardware" });
        }

        if (stage == JobStage.Disputed)
        {
            await OkAsync("sh.eng1", "POST", $"/api/field/jobs/{id}/dispute", new { note = "客户认为仍在保修期" });
        }

        if (stage == JobStage.SignedByCustomer)
        {
            await OkAsync("sh.eng1", "POST", $"/api/field/jobs/{id}/sign", new { signedBy = "王先生", signature = Kefu.Web.Tests.Modules.Field.FieldJobTests.SignaturePng });
        }

        return ids with { Record = id };
    }

    private async Task<Ids> FreshPriceItemAsync(Ids ids)
    {
        var code = Unique("M-");
        return ids with { Record = Id(await OkAsync("csmgr", "POST", "/api/field/price-items", new { code, name = "矩阵配件", kind = "Part", priceYuan = 10m })), Child = code };
    }

    public enum ReportStage
    {
        Draft,
        Submitted,
        Stamped,
    }

    /// <summary>A resident post of a fresh Shanghai customer led by sh.eng1.</summary>
    private async Task<Ids> FreshPostAsync(Ids ids)
    {
        var customer = await CustomerAsync("sh.cs");
        return ids with
        {
            Record = Id(await OkAsync("sh.coord", "POST", "/api/field/resident-posts", new { name = Unique("矩阵驻点"), customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), leadId = ids.ShEng1 })),
        };
    }

    /// <summary>sh.eng1's report of this month at a fresh post, taken as far as <paramref name="stage"/>.</summary>
    private async Task<Ids> FreshReportAsync(Ids ids, ReportStage stage)
    {
        var post = (await FreshPostAsync(ids)).Record;
        var id = Id(await OkAsync("sh.eng1", "POST", $"/api/field/resident-posts/{post}/reports", new { month = ids.Month, workSummary = "矩阵月报" }));
        if (stage >= ReportStage.Submitted)
        {
            await OkAsync("sh.eng1", "POST", $"/api/field/resident-reports/{id}/submit");
        }

        if (stage >= ReportStage.Stamped)
        {
            // Whoever holds each step now (other rows may have handed a step on by delegation) approves it.
            var people = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { "sh.lead", "csmgr", "gm", "sh.sup", "csdir", "vp" })
            {
                people[await app.StaffIdAsync(name)] = name;
            }

            for (var step = 0; step < 6; step++)
            {
                var report = await OkAsync("sh.eng1", "GET", $"/api/field/resident-reports/{id}");
                if ((string?)report!["status"] == "Stamped")
                {
                    break;
                }

                await OkAsync(people[(string)report["currentApproverId"]!], "POST", $"/api/field/resident-reports/{id}/decision", new { stepKey = (string)report["currentStepKey"]!, action = "Approve" });
            }

            var survey = Id(await OkAsync("sh.sup", "POST", "/api/surveys", new
            {
                title = Unique("矩阵驻点评价"), kind = "ResidentService", questions = new[] { new { text = "总体满意度", type = "Rating", required = true } },
            }));
            await OkAsync("sh.sup", "POST", $"/api/surveys/{survey}/publish");
        }

        return ids with { Record = id };
    }

    /// <summary>A team plan of four Shanghai people over twenty days (well above the FLD-04 threshold), as a body.</summary>
    private async Task<Ids> ProjectPlanAsync(Ids ids)
    {
        var customer = await CustomerAsync("sh.cs");
        var members = new[] { ids.ShEng1, await app.StaffIdAsync("sh.eng2"), await app.StaffIdAsync("sh.eng3") };
        return ids with
        {
            Payload = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
            {
                name = Unique("矩阵团队"), customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), requirement = "矩阵实施",
                plannedStart = ids.Date(), plannedFinish = ids.Date(20), leaderId = await app.StaffIdAsync("sh.lead"), memberIds = members,
            })),
        };
    }

    private async Task<Ids> FreshProjectAsync(Ids ids, bool started)
    {
        var plan = await ProjectPlanAsync(ids);
        var id = Id(await OkAsync("sh.coord", "POST", "/api/field/team-projects", plan.Payload));
        if (started)
        {
            await OkAsync("sh.lead", "POST", $"/api/field/team-projects/{id}/start");
        }

        return plan with { Record = id };
    }

    public enum OrderStage
    {
        Draft,
        NoticeAttached,
        Confirmed,
        Delivered,
        Distributor,
    }

    public enum ClaimStage
    {
        Draft,
        Submitted,
        WithReceipt,
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n% matrix sample scan\n"u8.ToArray();

    private static MultipartFormDataContent PdfForm(string kind) => new()
    {
        { new StringContent(kind), "kind" },
        { new ByteArrayContent(Pdf), "file", kind + ".pdf" },
    };

    private static MultipartFormDataContent ImportForm()
    {
        var file = new ByteArrayContent(XlsxFiles.Workbook(["客户名称", "电话"], [Unique("矩阵导入客户"), "021-5555 0101"]));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "customers.xlsx" } };
    }

    private static MultipartFormDataContent StaffImportForm() =>
        Sheets.Form(Sheets.Build(["用户名", "姓名", "工号", "单位编码", "角色", "初始密码"],
            [Unique("mi."), "矩阵导入", Unique("MI"), "HZ", "现场工程师", "Matrix-test-2026"]));

    /// <summary>A whole year by the working week (Monday to Friday), New Year's Day a holiday.</summary>
    private static MultipartFormDataContent CalendarYearForm(int year)
    {
        var first = new DateOnly(year, 1, 1);
        var rows = Enumerable.Range(0, first.AddYears(1).DayNumber - first.DayNumber).Select(first.AddDays)
            .Select(d => new object?[]
            {
                d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                d == first ? "节假日" : d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "周末" : "工作日",
                d == first ? "元旦" : null,
            }).ToArray();
        return Sheets.Form(Sheets.Build(["日期", "类型", "名称"], rows));
    }

    // The call to the leader is given even in working time: the sample holds at any hour (EXC-04).
    private static object IncidentBody(Ids ids, bool sendReport) => new
    {
        type = "CustomerComplaint", customerName = "矩阵客户", summary = "货物晚到两天", receivedAt = ids.Now.AddMinutes(-1),
        phoneCallTo = "赵主任", phoneCallAt = ids.Now.AddMinutes(-1), sendReport,
    };

    private static object CrossRegionBody() => new
    {
        complainant = Unique("浙江经销商"), offender = "江苏某经销商", province = "浙江", products = "空调", batchNumbers = "B2609", quantity = 20, priceYuan = 1999.5m,
    };

    private static object OrderBody(Ids ids, int customerId) => new
    {
        customerId, channel = "Email", dangerousGoods = "None", jobType = "SameCityDelivery", vehicleType = "4.2米厢式车",
        requestedArrival = ids.Now.AddHours(48), pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号",
        pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity = "上海", deliveryAddress = "某路 2 号",
        deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m, volumeM3 = 2.4m,
        packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
    };

    /// <summary>Sends a request that must succeed (it builds a sample), and returns its JSON body, if any.</summary>
    private async Task<JsonNode?> OkAsync(string user, string method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Making a matrix sample, {method} {url} as {user}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        return text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null;
    }

    private static string Id(JsonNode? node, string field = "id") => node![field]!.ToJsonString().Trim('"');

    public enum TrainingStage
    {
        Plan,
        Session,
        SignedIn,
    }

    /// <summary>A demo course (the telephone one), or a fresh draft course; Child is a demo course id too.</summary>
    private async Task<Ids> TrainingCourseAsync(Ids ids, bool fresh = false)
    {
        var courses = (await OkAsync("sh.sup", "GET", "/api/training/courses?category=TelephoneEtiquette"))!.AsArray();
        var record = fresh ? Id(await OkAsync("sh.sup", "POST", "/api/training/courses", new { category = "Email", title = Unique("矩阵课程"), material = "正文" })) : Id(courses[0]);
        return ids with { Record = record, Child = Id(courses[0]) };
    }

    private async Task<Ids> CourseFileAsync(Ids ids)
    {
        var course = (await TrainingCourseAsync(ids)).Record;
        return ids with { Record = course, Child = Id(await OkAsync("sh.sup", "POST", $"/api/training/courses/{course}/attachments", PdfForm("Material"))) };
    }

    private async Task<Ids> TrainingQuestionAsync(Ids ids)
    {
        var course = (await TrainingCourseAsync(ids, fresh: true)).Record;
        return ids with { Record = Id(await OkAsync("sh.sup", "POST", $"/api/training/courses/{course}/questions", new { kind = "TrueFalse", text = "矩阵判断题", correct = new[] { 0 } })) };
    }

    /// <summary>A fresh published exam of the telephone course (Child: the course), so each sample's attempts start from none.</summary>
    private async Task<Ids> TrainingExamAsync(Ids ids, string category = "TelephoneEtiquette")
    {
        var course = Id((await OkAsync("sh.sup", "GET", $"/api/training/courses?category={category}"))!.AsArray()[0]);
        var exam = Id(await OkAsync("sh.sup", "POST", "/api/training/exams", new { title = Unique("矩阵考试"), courseIds = new[] { int.Parse(course, System.Globalization.CultureInfo.InvariantCulture) }, questionCount = 10, published = true }));
        return ids with { Record = exam, Child = course };
    }

    /// <summary>sh.cs's attempt at a fresh exam; submitted with a short answer waiting for grading (Child: that question) when asked.</summary>
    private async Task<Ids> TrainingAttemptAsync(Ids ids, bool submitted)
    {
        var exam = (await TrainingExamAsync(ids, submitted ? "TmsWms" : "TelephoneEtiquette")).Record;
        var attempt = (await OkAsync("sh.cs", "POST", $"/api/training/exams/{exam}/attempts"))!;
        if (!submitted)
        {
            return ids with { Record = Id(attempt) };
        }

        var shortAnswer = attempt["questions"]!.AsArray().Single(q => (string)q!["kind"]! == "ShortAnswer")!;
        await OkAsync("sh.cs", "POST", $"/api/training/attempts/{Id(attempt)}/submit",
            new { answers = new[] { new { questionId = (int)shortAnswer["questionId"]!, text = "先通知客户" } } });
        return ids with { Record = Id(attempt), Child = Id(shortAnswer, "questionId") };
    }

    /// <summary>A plan of the Shanghai centre this month (Child: a course); with a session of sh.lead's (Record then the session), which sh.cs signed in to (Child then sh.cs).</summary>
    private async Task<Ids> TrainingPlanAsync(Ids ids, TrainingStage stage)
    {
        var course = (await TrainingCourseAsync(ids)).Record;
        var plan = Id(await OkAsync("sh.sup", "POST", "/api/training/plans", new { year = ids.Today.Year, month = ids.Today.Month, title = Unique("矩阵计划"), orgUnitId = ids.ShUnit }));
        if (stage == TrainingStage.Plan)
        {
            return ids with { Record = plan, Child = course };
        }

        var withSession = await OkAsync("sh.sup", "POST", $"/api/training/plans/{plan}/sessions",
            new { courseId = int.Parse(course, System.Globalization.CultureInfo.InvariantCulture), startsAt = $"{ids.Today:yyyy-MM-dd}T10:00:00+08:00", trainerId = await app.StaffIdAsync("sh.lead") });
        var session = Id(withSession!["sessions"]![0]);
        if (stage == TrainingStage.SignedIn)
        {
            await OkAsync("sh.cs", "POST", $"/api/training/sessions/{session}/sign-in");
        }

        return ids with { Record = session, Child = await app.StaffIdAsync("sh.cs") };
    }

    /// <summary>A new employee (TRN-04) waiting for the onboarding exam.</summary>
    private async Task<Ids> NewEmployeeAsync(Ids ids) =>
        ids with
        {
            Record = Id(await OkAsync("admin", "POST", "/api/staff", new
            {
                userName = Unique("m.new."), displayName = "矩阵新员工", employeeNumber = Unique("M"), orgUnitId = ids.ShUnit, roles = new[] { "CsSpecialist" },
                password = "Matrix-test-2026", newEmployee = true,
            })),
        };

    /// <summary>An email from the Shanghai customer waiting in the Shanghai intake queue.</summary>
    private async Task<Ids> FreshIntakeItemAsync(Ids ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var specialist = await db.Users.SingleAsync(u => u.UserName == "sh.cs");
        var customer = await db.Set<Kefu.Web.Modules.Customers.Customer>().Where(c => c.OwnerId == specialist.Id && c.MergedIntoId == null).OrderBy(c => c.Id).FirstAsync();
        var item = new Kefu.Web.Modules.Intake.IntakeItem
        {
            Channel = Kefu.Core.Orders.IntakeChannel.Email, ReceivedAt = ids.Now.AddMinutes(-1).UtcDateTime, FromAddress = "buyer@customer.example", Subject = "矩阵来信",
            Body = "货物晚到两天", CustomerId = customer.Id, CustomerName = customer.Name, CentreId = customer.CentreId, OrgPath = customer.OrgPath, CreatedAt = ids.Now.UtcDateTime,
        };
        db.Add(item);
        await db.SaveChangesAsync();
        return ids with { Record = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private async Task<Ids> FreshEngineerAsync(Ids ids) =>
        ids with { Record = await app.CreateStaffAsync(Unique("m.rot."), "SH", ["FieldEngineer"], "Matrix-test-2026") };

    private async Task<string> CustomerAsync(string user) =>
        Id(await OkAsync(user, "POST", "/api/customers", new { name = Unique("矩阵客户"), confirmDuplicate = true }));

    private async Task<Ids> FreshCustomerAsync(Ids ids) => ids with { Record = await CustomerAsync("sh.cs") };

    /// <summary>A customer of sh.cs with a contact address, which a portal invitation needs.</summary>
    private async Task<Ids> CustomerWithEmailAsync(Ids ids) =>
        ids with { Record = Id(await OkAsync("sh.cs", "POST", "/api/customers", new { name = Unique("矩阵门户客户"), contactEmail = Unique("portal") + "@matrix.example", confirmDuplicate = true })) };

    /// <summary>A customer of sh.cs with a contact or an address (CUS-01): the customer is the record, the entry the child.</summary>
    private async Task<Ids> CustomerWithPeopleAsync(Ids ids, string what, object entry)
    {
        var id = await CustomerAsync("sh.cs");
        return ids with { Record = id, Child = Id(await OkAsync("sh.cs", "POST", $"/api/customers/{id}/{what}", entry)) };
    }

    /// <summary>A Shanghai customer whose account the supervisor closed (CUS-08).</summary>
    private async Task<Ids> ClosedCustomerAsync(Ids ids)
    {
        var id = await CustomerAsync("sh.cs");
        await OkAsync("sh.sup", "POST", $"/api/customers/{id}/close", new { reason = "矩阵销户" });
        return ids with { Record = id };
    }

    /// <summary>A reported Shanghai incident flagged major (EXC-11).</summary>
    private async Task<Ids> MajorIncidentAsync(Ids ids)
    {
        var incident = await FreshIncidentAsync(ids, IncidentStage.Reported);
        await OkAsync("sh.sup", "POST", $"/api/incidents/{incident.Record}/major", new { reason = "需要赔付处理" });
        return incident;
    }

    /// <summary>A customer taken in by the supervisor: nobody's yet, waiting for assignment (CUS-04).</summary>
    private async Task<Ids> UnassignedCustomerAsync(Ids ids) =>
        ids with { Record = await CustomerAsync("sh.sup"), Child = await app.StaffIdAsync("sh.cs") };

    private async Task<Ids> DuplicateCustomersAsync(Ids ids)
    {
        var name = Unique("矩阵重复客户");
        var survivor = Id(await OkAsync("sh.cs", "POST", "/api/customers", new { name, confirmDuplicate = true }));
        var duplicate = Id(await OkAsync("sh.cs", "POST", "/api/customers", new { name, confirmDuplicate = true }));
        return ids with { Record = survivor, Child = duplicate };
    }

    // No dealer sells in 西藏: head office sells directly and the pipeline starts (CUS-07).
    private async Task<Ids> FreshInquiryAsync(Ids ids) =>
        ids with { Record = Id(await OkAsync("sh.cs", "POST", "/api/inquiries", new { company = Unique("矩阵询盘"), intent = "Buy", province = "西藏" })) };

    private async Task<Ids> FreshIncidentAsync(Ids ids, IncidentStage stage)
    {
        var id = Id(await OkAsync("sh.cs", "POST", "/api/incidents", IncidentBody(ids, sendReport: stage != IncidentStage.Unreported)));
        if (stage >= IncidentStage.Investigated)
        {
            await OkAsync("qc", "POST", $"/api/incidents/{id}/investigation", new { finding = "承运商装车不当", concealed = false });
        }

        if (stage >= IncidentStage.PlanSubmitted)
        {
            await OkAsync("sh.sup", "POST", $"/api/incidents/{id}/plan", new { text = "增加出库复核" });
        }

        if (stage >= IncidentStage.PlanApproved)
        {
            await OkAsync("csdir", "POST", $"/api/incidents/{id}/plan/decision", new { action = "Approve" });
            await OkAsync("vp", "POST", $"/api/incidents/{id}/plan/decision", new { action = "Approve" });
        }

        return ids with { Record = id };
    }

    private async Task<Ids> ClosedIncidentAsync(Ids ids)
    {
        var fresh = await FreshIncidentAsync(ids, IncidentStage.Reported);
        await OkAsync("sh.sup", "POST", $"/api/incidents/{fresh.Record}/close", new { text = "已处理完毕" });
        return fresh;
    }

    private async Task<Ids> ReportedCrossRegionCaseAsync(Ids ids)
    {
        var id = Id(await OkAsync("sh.cs", "POST", "/api/cross-region", CrossRegionBody()));
        await OkAsync("sh.cs", "POST", $"/api/cross-region/{id}/milestones", new { milestone = "Report" });
        return ids with { Record = id };
    }

    private async Task<Ids> FollowUpCaseAsync(Ids ids)
    {
        var visit = await OkAsync("sh.cs", "POST", "/api/visits", new
        {
            customerId = int.Parse(await CustomerAsync("sh.cs"), System.Globalization.CultureInfo.InvariantCulture), channel = "Phone", feedback = "需要上门检查",
            createFollowUp = true,
        });
        return ids with { Record = Id(visit, "followUpCaseId") };
    }

    private async Task<Ids> DraftSurveyAsync(Ids ids) => ids with { Record = Id(await OkAsync("sh.sup", "POST", "/api/surveys", SampleSurvey)) };

    /// <summary>The token at the end of a link sent for the published sample survey.</summary>
    private async Task<Ids> SurveyLinkAsync(Ids ids)
    {
        var invitation = await OkAsync("sh.cs", "POST", $"/api/surveys/{ids.ShSurvey}/invitations", new { respondentName = "矩阵受访者", technicianId = ids.ShEng1 });
        var link = (string)invitation!["link"]!;
        return ids with { Record = link[(link.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..] };
    }

    private async Task<Ids> FreshOrderAsync(Ids ids, OrderStage stage)
    {
        // With a phone, so a city job's notice can reach the customer (ORD-04).
        var customer = Id(await OkAsync("sh.cs", "POST", "/api/customers", new { name = Unique("矩阵客户"), phone = "13800138000", confirmDuplicate = true }));
        var body = JsonSerializer.SerializeToNode(OrderBody(ids, int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture)))!.AsObject();
        body["distributor"] = stage == OrderStage.Distributor;
        var order = Id(await OkAsync("sh.cs", "POST", "/api/orders", body));
        if (stage is OrderStage.Draft or OrderStage.Distributor)
        {
            return ids with { Record = order, Child = customer };
        }

        var notice = Id(await OkAsync("sh.cs", "POST", $"/api/orders/{order}/attachments", PdfForm("DangerousGoodsNotice")));
        // ORD-01: the sample orders come by email; their content is confirmed with the customer before they are processed.
        await OkAsync("sh.cs", "POST", $"/api/orders/{order}/email-confirmation", new { confirmedWith = "王经理", confirmedAt = ids.Now, method = "Phone", content = "件数、地址已核对" });
        if (stage == OrderStage.NoticeAttached)
        {
            return ids with { Record = order, Child = notice };
        }

        var confirmed = await OkAsync("sh.cs", "POST", $"/api/orders/{order}/confirm", new { });
        if (stage == OrderStage.Delivered)
        {
            // Well before the requested arrival: on time, so it may close without a late-delivery case (ORD-07).
            await OkAsync("sh.cs", "POST", $"/api/orders/{order}/arrival", new { actualArrival = ids.Now, satisfied = true });
            // ORD-07: every order closes only with its signed POD.
            await OkAsync("sh.cs", "POST", $"/api/orders/{order}/attachments", PdfForm("SignedPod"));
        }

        return ids with { Record = order, Child = Id(confirmed!["trackingPoints"]![0]) };
    }

    private async Task<Ids> FreshHandoverAsync(Ids ids, bool submitted)
    {
        var customer = await CustomerAsync("sh.cs");
        var handover = Id(await OkAsync("sh.cs", "POST", "/api/orders/handovers", new
        {
            customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), delivery = true, contractOrQuote = "合同 HT-矩阵：上海市内 ¥1.2/kg",
        }));
        if (submitted)
        {
            await OkAsync("sh.cs", "POST", $"/api/orders/handovers/{handover}/submit");
        }

        return ids with { Record = handover, Child = customer };
    }

    private static object MemoBody(Ids ids) => new { toUnitId = ids.HzUnit, subject = "矩阵联络函", body = "请杭州中心协助核对客户资料。", replyBy = ids.Date(5) };

    private static readonly object SampleBody = new
    {
        customerName = "矩阵意向客户", contact = "刘先生", phone = "021-5555 0199", address = "上海市徐汇区", purpose = "试用后决定代理", expectedOrder = "100 台",
        lines = new[] { new { product = "智能温控器 T3", specification = "白色", quantity = 2, unit = "台", notes = "矩阵" } },
    };

    private static object PolicyBody(Ids ids) => new
    {
        customerId = ids.ShCustomer, contact = "陈经理", phone = "021-5555 0102", region = "上海", dealerLevel = "一级经销商", regularPolicy = "9 折",
        requestedPolicy = "首批 8.5 折", reason = "竞品条件更优", validFrom = ids.Date(), validTo = ids.Date(90), amountYuan = 12345.67m,
    };

    /// <summary>A memo of sh.sup to 杭州中心, or a sample or special-policy request of sh.cs, as a draft or sent into its chain.</summary>
    private async Task<Ids> FreshRequestAsync(Ids ids, string kind, bool submitted)
    {
        var (writer, body) = kind switch
        {
            "memos" => ("sh.sup", MemoBody(ids)),
            "samples" => ("sh.cs", SampleBody),
            _ => ("sh.cs", PolicyBody(ids)),
        };
        var id = Id(await OkAsync(writer, "POST", $"/api/requests/{kind}", body));
        if (submitted)
        {
            await OkAsync(writer, "POST", $"/api/requests/{kind}/{id}/submit");
        }

        return ids with { Record = id };
    }

    /// <summary>A sales confirmation of a Shanghai customer sold by sh.eng1.</summary>
    private async Task<Ids> FreshConfirmationAsync(Ids ids) =>
        ids with
        {
            Record = Id(await OkAsync("sh.coord", "POST", "/api/receivables/confirmations",
                new { number = Unique("SC-"), customerId = ids.ShCustomer, technicianId = ids.ShEng1, items = "矩阵销售", amountYuan = 300m, soldOn = ids.Date(-60) })),
        };

    /// <summary>A retail invoice of sixty days ago on a fresh confirmation: overdue, with its technician.</summary>
    private async Task<Ids> FreshInvoiceAsync(Ids ids)
    {
        var confirmation = (await FreshConfirmationAsync(ids)).Record;
        return ids with
        {
            Record = Id(await OkAsync("sh.coord", "POST", "/api/receivables/invoices",
                new { number = Unique("FP-"), confirmationId = int.Parse(confirmation, System.Globalization.CultureInfo.InvariantCulture), invoiceDate = ids.Date(-60), settlement = "Retail" })),
        };
    }

    private async Task<Ids> FreshPaymentAsync(Ids ids) =>
        ids with { Record = Id(await OkAsync("finance", "POST", "/api/receivables/payments", new { customerId = ids.ShCustomer, amountYuan = 1m, method = "Cheque", allocations = Array.Empty<object>() })) };

    private async Task<Ids> FreshExtensionAsync(Ids ids)
    {
        var invoice = (await FreshInvoiceAsync(ids)).Record;
        return ids with { Record = Id(await OkAsync("sh.coord", "POST", $"/api/receivables/invoices/{invoice}/extensions", new { requestedDueDate = ids.Date(120), reason = "客户资金周转" })) };
    }

    /// <summary>A weekly reconciliation entry of sh.eng1 in Shanghai, in a week of its own (the job's key is centre and week).</summary>
    private async Task<Ids> FreshRoundEntryAsync(Ids ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var centre = await db.OrgUnits.SingleAsync(u => u.Id == ids.ShUnit);
        var monday = new DateOnly(2001, 1, 1).AddDays(7 * Random.Shared.Next(0, 5000));
        var week = new Kefu.Web.Modules.Receivables.ReconciliationWeek
        {
            CentreId = centre.Id, OrgPath = centre.Path, WeekStart = monday, RoundDate = monday.AddDays(4), ReviewDate = monday.AddDays(7), OpenedAt = ids.Now.UtcDateTime,
        };
        db.Add(week);
        await db.SaveChangesAsync();
        var entry = new Kefu.Web.Modules.Receivables.ReconciliationEntry
        {
            WeekId = week.Id, CentreId = centre.Id, OrgPath = centre.Path, WeekStart = monday, RoundDate = week.RoundDate, ReviewDate = week.ReviewDate, TechnicianId = ids.ShEng1,
            OpenFen = 100, ItemCount = 0, CreatedAt = ids.Now.UtcDateTime,
        };
        db.Add(entry);
        await db.SaveChangesAsync();
        return ids with { Record = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private async Task<Ids> FreshCollectionProjectAsync(Ids ids) =>
        ids with { Record = Id(await OkAsync("sh.sup", "POST", "/api/receivables/collection/projects", new { name = Unique("矩阵收费-"), monthlyTargetYuan = 1000m })) };

    private async Task<Ids> FreshCollectionEntryAsync(Ids ids)
    {
        var project = (await FreshCollectionProjectAsync(ids)).Record;
        return ids with { Record = project, Child = Id(await OkAsync("sh.coord", "POST", $"/api/receivables/collection/projects/{project}/entries", new { amountYuan = 10m })) };
    }

    private async Task<Ids> FreshArrearsAsync(Ids ids)
    {
        var project = (await FreshCollectionProjectAsync(ids)).Record;
        return ids with { Record = Id(await OkAsync("sh.coord", "POST", $"/api/receivables/collection/projects/{project}/arrears", new { debtor = "矩阵欠费户", owedYuan = 500m, since = ids.Date(-40) })) };
    }

    /// <summary>The month of the statements' sample sales: two months before the app's today.</summary>
    private static string StatementMonth(Ids ids) => ids.Today.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A fresh monthly customer of Shanghai with one sale in <see cref="StatementMonth"/> (Child = the
    /// customer); unless <paramref name="until"/> is null, its statement walked to that step (Record).
    /// </summary>
    private async Task<Ids> FreshStatementAsync(Ids ids, string? until)
    {
        var customer = Id(await OkAsync("sh.cs", "POST", "/api/customers", new
        {
            name = Unique("矩阵月结"), settlement = "Monthly", paymentCycleDays = 30, contactEmail = Unique("m") + "@customer.example", confirmDuplicate = true,
        }));
        var month = StatementMonth(ids);
        await OkAsync("sh.coord", "POST", "/api/receivables/confirmations",
            new { number = Unique("SC-"), customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), technicianId = ids.ShEng1, items = "矩阵对账", amountYuan = 12.34m, soldOn = month + "-15" });
        if (until is null)
        {
            return ids with { Child = customer };
        }

        var statement = Id(await OkAsync("sh.coord", "POST", "/api/receivables/statements", new { customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), month }));
        var url = $"/api/receivables/statements/{statement}";
        (string User, string Action, object? Body, string Reached)[] steps =
        [
            ("sh.sup", "review", new { approve = true }, "Reviewed"),
            ("finance", "check", new { approve = true }, "Checked"),
            ("sh.coord", "send", new { }, "Sent"),
            ("sh.coord", "confirm", new { confirmedBy = "矩阵会计" }, "Confirmed"),
            ("finance", "invoice", new { number = Unique("FP-"), invoiceDate = ids.Date(-1) }, "Invoiced"),
            ("finance", "deliver", new { mode = "Collector", deliveredBy = "矩阵结款员" }, "Delivered"),
        ];
        if (until == "Returned")
        {
            await OkAsync("sh.sup", "POST", $"{url}/review", new { approve = false, reason = "矩阵退回" });
            return ids with { Record = statement, Child = customer };
        }

        foreach (var (user, action, body, reached) in steps)
        {
            if (until == "Summarised")
            {
                break;
            }

            var node = await OkAsync(user, "POST", $"{url}/{action}", body);
            if (reached == until || (until == "Paid" && reached == "Delivered"))
            {
                if (until == "Paid")
                {
                    var invoice = (int)node!["invoiceId"]!;
                    await OkAsync("finance", "POST", "/api/receivables/payments", new
                    {
                        customerId = int.Parse(customer, System.Globalization.CultureInfo.InvariantCulture), amountYuan = 12.34m, method = "Transfer",
                        allocations = new[] { new { invoiceId = invoice, amountYuan = 12.34m } },
                    });
                }

                break;
            }
        }

        return ids with { Record = statement, Child = customer };
    }

    private async Task<Ids> CurrentSettingAsync(Ids ids, string url) => ids with { Payload = await OkAsync("admin", "GET", url) };

    private static string PerformanceMonthText(Ids ids, int months) => ids.Today.AddMonths(months).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static object SampleBonus(Ids ids, string month, bool documentsIn = true) => new
    {
        name = Unique("矩阵专案"), month, bonusYuan = 600m, managerId = ids.ShEng1, memberIds = Array.Empty<string>(), documentsDueOn = ids.Date(-400),
        documentsInOn = documentsIn ? ids.Date(-400) : null,
    };

    /// <summary>A project bonus of sh.eng1 whose documents are not in yet.</summary>
    private async Task<Ids> FreshBonusAsync(Ids ids) =>
        ids with { Record = Id(await OkAsync("sh.sup", "POST", "/api/performance/project-bonuses", SampleBonus(ids, PerformanceMonthText(ids, -1), documentsIn: false))) };

    /// <summary>The Shanghai centre's month <paramref name="months"/> back, run (with a project bonus line of sh.eng1 when asked), locked when asked.</summary>
    private async Task<Ids> PerformanceMonthAsync(Ids ids, int months, bool withBonus, bool locked)
    {
        var month = PerformanceMonthText(ids, months);
        if (withBonus)
        {
            await OkAsync("sh.sup", "POST", "/api/performance/project-bonuses", SampleBonus(ids, month));
        }

        await OkAsync("sh.sup", "POST", "/api/performance/months/run", new { month, unitId = ids.ShUnit });
        var monthId = Id((await OkAsync("sh.sup", "GET", $"/api/performance/months?month={month}"))!.AsArray().First(m => (int)m!["unitId"]! == ids.ShUnit));
        var line = withBonus ? Id((await OkAsync("sh.sup", "GET", $"/api/performance/lines?month={month}&personId={ids.ShEng1}"))!["items"]![0]) : "";
        if (locked)
        {
            await OkAsync("sh.sup", "POST", $"/api/performance/months/{monthId}/lock");
        }

        return ids with { Record = monthId, Child = line };
    }

    public enum CsReportStage
    {
        Draft,
        Commented,
        Submitted,
        Approved,
    }

    /// <summary>The Shanghai centre's monthly report <paramref name="months"/> back (PERF-08), walked to <paramref name="stage"/>.</summary>
    private async Task<Ids> MonthlyReportAsync(Ids ids, int months, CsReportStage stage)
    {
        var id = Id(await OkAsync("sh.sup", "POST", "/api/performance/reports", new { month = PerformanceMonthText(ids, months), unitId = ids.ShUnit }));
        if (stage >= CsReportStage.Commented)
        {
            await OkAsync("sh.sup", "PUT", $"/api/performance/reports/{id}", new { commentary = "矩阵月报评述" });
        }

        if (stage >= CsReportStage.Submitted)
        {
            await OkAsync("sh.sup", "POST", $"/api/performance/reports/{id}/submit");
        }

        if (stage >= CsReportStage.Approved)
        {
            await OkAsync("csmgr", "POST", $"/api/performance/reports/{id}/decision", new { stepKey = "cs-manager", action = "Approve" });
        }

        return ids with { Record = id };
    }

    private async Task<Ids> NotificationAsync(Ids ids, string userName)
    {
        var userId = await app.StaffIdAsync(userName);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        await scope.ServiceProvider.GetRequiredService<Notifier>().EnqueueAsync(new NotificationRequest("Test", [userId], ["矩阵"], ToGroupRobots: false));
        await db.SaveChangesAsync();
        var id = await db.Set<InboxItem>().Where(i => i.UserId == userId).MaxAsync(i => i.Id);
        return ids with { Record = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private async Task<Ids> WeComRobotAsync(Ids ids)
    {
        var robot = app.DisposeWithApp(new WebhookListener());
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<PolicyStore>();
        var settings = await store.GetAsync<NotificationSettings>(NotificationSettings.Key);
        await store.SaveAsync(NotificationSettings.Key, settings with { WeCom = new WebhookSettings { Enabled = true, WebhookUrl = robot.Url("wecom") } }, "matrix");
        return ids;
    }

    private async Task<Ids> FreshClaimAsync(Ids ids, string claimant, ClaimStage stage)
    {
        var claim = Id(await OkAsync(claimant, "POST", "/api/expenses/claims", SampleClaim(ids)));
        if (stage == ClaimStage.Submitted)
        {
            await OkAsync(claimant, "POST", $"/api/expenses/claims/{claim}/submit");
        }

        var receipt = stage == ClaimStage.WithReceipt ? Id(await OkAsync(claimant, "POST", $"/api/expenses/claims/{claim}/attachments", PdfForm("Receipt"))) : "";
        return ids with { Record = claim, Child = receipt };
    }

    /// <summary>A batch of 上海中心 holding one form the supervisor and the branch GM approved (EXP-12: ready to mail).</summary>
    private async Task<Ids> SignedShanghaiBatchAsync(Ids ids)
    {
        // Other samples' forms of the centre, still unsigned, go into a batch of their own first.
        using (var supervisor = await app.ClientFor("sh.sup"))
        using (await supervisor.SendJsonAsync("POST", "/api/expenses/batches", null))
        {
        }

        var claim = (await FreshClaimAsync(ids, "sh.eng2", ClaimStage.Submitted)).Record;
        var reviewed = await OkAsync("sh.sup", "POST", $"/api/expenses/claims/{claim}/decision", new { stepKey = "supervisor", action = "Approve" });
        // The GM signs, unless an administrator's chain in this app has no GM step (nothing to sign then).
        if ((string?)reviewed?["currentStep"] == "branch-gm")
        {
            await OkAsync("east.gm", "POST", $"/api/expenses/claims/{claim}/decision", new { stepKey = "branch-gm", action = "Approve" });
        }
        var batch = Id(await OkAsync("sh.sup", "POST", "/api/expenses/batches"));
        return ids with { Record = batch, Child = claim };
    }

    /// <summary>A batch of 上海中心 holding a freshly submitted form (the record) and that form (the child).</summary>
    private async Task<Ids> ShanghaiBatchAsync(Ids ids)
    {
        var claim = (await FreshClaimAsync(ids, "sh.eng2", ClaimStage.Submitted)).Record;
        var batch = Id(await OkAsync("sh.sup", "POST", "/api/expenses/batches"));
        return ids with { Record = batch, Child = claim };
    }
}

// On a hand-held clock (standing at ClockApp.Start, jobs off): the samples are derived from it, and
// the same samples meet the same rules (finance window, working days, EXP-04's month) on every run.
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteClockApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteClockApp>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresClockApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresClockApp>;
