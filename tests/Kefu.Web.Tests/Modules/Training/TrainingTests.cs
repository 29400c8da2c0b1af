using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Training;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Training;

/// <summary>
/// TRN-02..04 through the API: a new employee is refused for every kind of assignment until they
/// pass the onboarding exam; exams keep their attempts and time limits; short answers are graded
/// by a trainer; plans take sign-ins and the trainer's confirmation. One app per class.
/// </summary>
public abstract class TrainingTests(ClockApp app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A new employee (TRN-04) of the Shanghai centre, specialist and engineer, created by admin with the new-employee flag.</summary>
    private async Task<(string UserName, string Id)> NewEmployeeAsync()
    {
        var userName = Unique("new.");
        var unitId = await app.UnitIdAsync("SH");
        var (status, body) = await SendAsync("admin", HttpMethod.Post, "/api/staff", new
        {
            userName, displayName = "新员工" + userName[^4..], employeeNumber = Unique("N"), orgUnitId = unitId,
            roles = new[] { "CsSpecialist", "FieldEngineer" }, password = KefuFactory.DemoPassword, newEmployee = true,
        });
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        return (userName, (string)body!["id"]!);
    }

    private async Task<int> OnboardingExamIdAsync()
    {
        var (_, exams) = await SendAsync("sh.cs", HttpMethod.Get, "/api/training/exams");
        return (int)exams!.AsArray().Single(e => (bool)e!["onboarding"]!)!["id"]!;
    }

    /// <summary>The answers an attempt needs: the correct option keys, read from the bank (or the wrong ones).</summary>
    private Task<object[]> AnswersAsync(JsonNode attempt, bool correct) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<KefuDbContext>();
        var result = new List<object>();
        foreach (var q in attempt["questions"]!.AsArray())
        {
            var id = (int)q!["questionId"]!;
            var question = await db.Set<TrainingQuestion>().AsNoTracking().SingleAsync(x => x.Id == id);
            var right = CourseUseCases.Read<int>(question.CorrectJson);
            var all = q["options"]!.AsArray().Select(o => (int)o!["key"]!).ToArray();
            var chosen = correct ? right.ToArray() : [all.First(k => !right.Contains(k))];
            result.Add(new { questionId = id, chosen, text = question.Kind == Kefu.Core.Training.QuestionKind.ShortAnswer ? "先通知委托方和客户，再联系司机" : null });
        }

        return result.ToArray();
    });

    private async Task<JsonNode> StartAsync(string user, int examId)
    {
        var (status, attempt) = await SendAsync(user, HttpMethod.Post, $"/api/training/exams/{examId}/attempts");
        Assert.True(status == HttpStatusCode.Created, attempt?.ToJsonString());
        return attempt!;
    }

    private static void AssertRefusedBecauseNotOnDuty((HttpStatusCode Status, JsonNode? Body) response, string field)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.Body?.ToJsonString());
        var messages = response.Body!["errors"]![field]!.AsArray().Select(m => (string)m!).ToArray();
        Assert.Contains(messages, m => m.Contains("入职考试", StringComparison.Ordinal));
        Assert.Contains("TRN-04", response.Body!["rules"]![field]!.AsArray().Select(r => (string)r!));
    }

    [ProviderFact]
    public async Task TRN_04_a_new_employee_is_refused_for_customers_incidents_cases_and_jobs_until_they_pass_the_onboarding_exam()
    {
        app.Clock.Set(ClockApp.Start);
        var (userName, id) = await NewEmployeeAsync();

        // The staff list and the duty list say who is not on duty and why.
        var staff = await app.StaffAsync(userName);
        Assert.False((bool)staff["onDuty"]!);
        Assert.Equal("尚未通过入职考试", (string?)staff["notOnDutyReason"]);
        var (_, duty) = await SendAsync("sh.sup", HttpMethod.Get, "/api/training/duty");
        Assert.Equal("Duty.OnboardingPending", (string)duty!.AsArray().Single(d => (string)d!["userId"]! == id)!["reason"]!);

        // Customers (CUS-04): the supervisor cannot assign them a customer.
        var (_, customer) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = Unique("入职客户"), confirmDuplicate = true });
        var customerId = (int)customer!["id"]!;
        AssertRefusedBecauseNotOnDuty(await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { customerId }, specialistId = id }), "specialistId");

        // Field jobs: neither on creation nor by assignment.
        var job = new { type = "Repair", customerName = Unique("入职报修"), problem = "打印机卡纸", skill = "打印机" };
        AssertRefusedBecauseNotOnDuty(await SendAsync("sh.coord", HttpMethod.Post, "/api/field/jobs", new { job.type, job.customerName, job.problem, job.skill, technicianId = id }), "technicianId");
        var (_, created) = await SendAsync("sh.coord", HttpMethod.Post, "/api/field/jobs", job);
        var jobId = (int)created!["id"]!;
        AssertRefusedBecauseNotOnDuty(await SendAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{jobId}/assign", new { technicianId = id }), "technicianId");

        // Incidents and cross-region cases: the one who records one owns it.
        var incident = new
        {
            type = "CustomerComplaint", customerName = "入职客户", summary = "货物晚到两天", receivedAt = app.Clock.GetUtcNow().AddMinutes(-1),
            phoneCallTo = "赵主任", phoneCallAt = app.Clock.GetUtcNow().AddMinutes(-1), sendReport = false,
        };
        AssertRefusedBecauseNotOnDuty(await SendAsync(userName, HttpMethod.Post, "/api/incidents", incident), "ownerId");
        var crossRegion = new { complainant = Unique("浙江经销商"), offender = "江苏某经销商", province = "浙江", products = "空调", quantity = 20 };
        AssertRefusedBecauseNotOnDuty(await SendAsync(userName, HttpMethod.Post, "/api/cross-region", crossRegion), "ownerId");

        // The onboarding exam, passed: on duty at once.
        var attempt = await StartAsync(userName, await OnboardingExamIdAsync());
        Assert.True(attempt["questions"]!.AsArray().Count >= 10);
        var (submitted, result) = await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/submit", new { answers = await AnswersAsync(attempt, correct: true) });
        Assert.Equal(HttpStatusCode.OK, submitted);
        Assert.Equal("Passed", (string)result!["status"]!);
        Assert.True((bool)(await app.StaffAsync(userName))["onDuty"]!);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { customerId }, specialistId = id })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.coord", HttpMethod.Post, $"/api/field/jobs/{jobId}/assign", new { technicianId = id })).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(userName, HttpMethod.Post, "/api/incidents", incident)).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(userName, HttpMethod.Post, "/api/cross-region", crossRegion)).Status);
        var (_, after) = await SendAsync("sh.sup", HttpMethod.Get, "/api/training/duty");
        Assert.DoesNotContain(after!.AsArray(), d => (string)d!["userId"]! == id);
    }

    [ProviderFact]
    public async Task TRN_04_an_administrator_exempts_a_new_employee_with_a_reason_and_it_is_audited()
    {
        var (_, id) = await NewEmployeeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/training/duty/{id}/exemption", new { reason = "调岗老员工" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("admin", HttpMethod.Post, $"/api/training/duty/{id}/exemption", new { reason = " " })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync("admin", HttpMethod.Post, $"/api/training/duty/{id}/exemption", new { reason = "由其他分公司调入，已在原单位通过考试" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("admin", HttpMethod.Post, $"/api/training/duty/{id}/exemption", new { reason = "再次豁免" })).Status);
        var audited = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().AuditEntries.AsNoTracking()
            .AnyAsync(a => a.Action == "OnboardingExempted" && a.EntityId == id));
        Assert.True(audited);
        var (_, customer) = await SendAsync("sh.sup", HttpMethod.Post, "/api/customers", new { name = Unique("豁免客户"), confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.sup", HttpMethod.Post, "/api/customers/assignment", new { customerIds = new[] { (int)customer!["id"]! }, specialistId = id })).Status);
    }

    /// <summary>An exam of the telephone course: every question, pass mark 100 %, five minutes, two attempts.</summary>
    private async Task<int> TelephoneExamAsync(int attempts = 2)
    {
        var (_, courses) = await SendAsync("sh.sup", HttpMethod.Get, "/api/training/courses?category=TelephoneEtiquette");
        var courseId = (int)courses!.AsArray()[0]!["id"]!;
        var (status, exam) = await SendAsync("sh.sup", HttpMethod.Post, "/api/training/exams", new
        {
            title = Unique("电话礼仪测验"), courseIds = new[] { courseId }, questionCount = 4, passMarkPercent = 100, timeLimitMinutes = 5, attemptsLimit = attempts, published = true,
        });
        Assert.True(status == HttpStatusCode.Created, exam?.ToJsonString());
        return (int)exam!["id"]!;
    }

    [ProviderFact]
    public async Task TRN_02_attempts_limit_and_time_limit_a_late_submission_scores_nothing_and_no_third_attempt_starts()
    {
        app.Clock.Set(ClockApp.Start);
        var examId = await TelephoneExamAsync();
        var (userName, _) = await NewEmployeeAsync();

        var first = await StartAsync(userName, examId);
        var (_, failed) = await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)first["id"]!}/submit", new { answers = await AnswersAsync(first, correct: false) });
        Assert.Equal(("Failed", 0), ((string)failed!["status"]!, (int)failed["score"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)first["id"]!}/submit", new { answers = Array.Empty<object>() })).Status);

        var second = await StartAsync(userName, examId);
        // The same attempt shows the same order each time it is opened (the shuffle follows its seed).
        var (_, reopened) = await SendAsync(userName, HttpMethod.Get, $"/api/training/attempts/{(int)second["id"]!}");
        Assert.Equal(second["questions"]!.ToJsonString(), reopened!["questions"]!.ToJsonString());
        app.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(61)));
        var (_, late) = await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)second["id"]!}/submit", new { answers = await AnswersAsync(second, correct: true) });
        Assert.Equal(("Failed", true, 0), ((string)late!["status"]!, (bool)late["late"]!, (int)late["score"]!));

        var (refused, problem) = await SendAsync(userName, HttpMethod.Post, $"/api/training/exams/{examId}/attempts");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("TRN-02", problem!["rules"]!["examId"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(userName, HttpMethod.Post, $"/api/training/exams/{examId}/attempts")).Status);
    }

    [ProviderFact]
    public async Task TRN_02_a_submission_just_inside_the_time_limit_counts_and_a_passed_exam_takes_no_more_attempts()
    {
        app.Clock.Set(ClockApp.Start);
        var examId = await TelephoneExamAsync(attempts: 3);
        var (userName, _) = await NewEmployeeAsync();
        var attempt = await StartAsync(userName, examId);
        app.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(60)));
        var (_, passed) = await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/submit", new { answers = await AnswersAsync(attempt, correct: true) });
        Assert.Equal(("Passed", false), ((string)passed!["status"]!, (bool)passed["late"]!));
        Assert.Equal((int)passed["maxScore"]!, (int)passed["score"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(userName, HttpMethod.Post, $"/api/training/exams/{examId}/attempts")).Status);
    }

    [ProviderFact]
    public async Task TRN_02_a_short_answer_waits_for_a_trainer_of_the_scope_who_grades_it()
    {
        app.Clock.Set(ClockApp.Start);
        var (_, courses) = await SendAsync("sh.sup", HttpMethod.Get, "/api/training/courses?category=TmsWms");
        var courseId = (int)courses!.AsArray()[0]!["id"]!;
        var (_, exam) = await SendAsync("sh.sup", HttpMethod.Post, "/api/training/exams", new { title = Unique("系统操作"), courseIds = new[] { courseId }, questionCount = 10, passMarkPercent = 60, published = true });
        var (userName, _) = await NewEmployeeAsync();
        var attempt = await StartAsync(userName, (int)exam!["id"]!);
        var (_, submitted) = await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/submit", new { answers = await AnswersAsync(attempt, correct: true) });
        Assert.Equal("AwaitingGrading", (string)submitted!["status"]!);
        var shortAnswer = submitted["questions"]!.AsArray().Single(q => (string)q!["kind"]! == "ShortAnswer")!;
        var grade = new { lines = new[] { new { questionId = (int)shortAnswer["questionId"]!, points = (int)shortAnswer["maxPoints"]!, comment = "顺序正确" } } };

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(userName, HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/grade", grade)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/grade", grade)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.lead", HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/grade",
            new { lines = new[] { new { questionId = (int)shortAnswer["questionId"]!, points = 99, comment = "" } } })).Status);
        var (_, graded) = await SendAsync("sh.lead", HttpMethod.Post, $"/api/training/attempts/{(int)attempt["id"]!}/grade", grade);
        Assert.Equal("Passed", (string)graded!["status"]!);
        var (_, waiting) = await SendAsync("sh.lead", HttpMethod.Get, "/api/training/attempts?status=AwaitingGrading");
        Assert.DoesNotContain(waiting!["items"]!.AsArray(), a => (int)a!["id"]! == (int)attempt["id"]!);
    }

    [ProviderFact]
    public async Task TRN_03_a_trainee_signs_in_to_a_session_of_their_centre_and_the_trainer_confirms()
    {
        app.Clock.Set(ClockApp.Start);
        var (_, courses) = await SendAsync("sh.cs", HttpMethod.Get, "/api/training/courses");
        var courseId = (int)courses!.AsArray()[0]!["id"]!;
        var (status, plan) = await SendAsync("sh.sup", HttpMethod.Post, "/api/training/plans", new { year = 2026, month = 10, title = "十月培训", orgUnitId = await app.UnitIdAsync("SH") });
        Assert.Equal(HttpStatusCode.Created, status);
        var planId = (int)plan!["id"]!;
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("sh.sup", HttpMethod.Post, $"/api/training/plans/{planId}/sessions",
            new { courseId, startsAt = "2026-11-03T14:00:00+08:00", trainerId = await app.StaffIdAsync("sh.lead") })).Status);
        var (_, withSession) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/training/plans/{planId}/sessions",
            new { courseId, startsAt = "2026-10-13T14:00:00+08:00", durationMinutes = 90, location = "三楼会议室", trainerId = await app.StaffIdAsync("sh.lead") });
        var sessionId = (int)withSession!["sessions"]![0]!["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.sup", HttpMethod.Get, $"/api/training/plans/{planId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, $"/api/training/sessions/{sessionId}/sign-in")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/training/sessions/{sessionId}/sign-in")).Status);
        var trainee = await app.StaffIdAsync("sh.cs");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("sh.cs", HttpMethod.Post, $"/api/training/sessions/{sessionId}/attendance/{trainee}/confirm")).Status);
        var (confirmed, row) = await SendAsync("sh.lead", HttpMethod.Post, $"/api/training/sessions/{sessionId}/attendance/{trainee}/confirm");
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.NotNull((string?)row!["confirmedAt"]);
        var (_, plans) = await SendAsync("sh.cs", HttpMethod.Get, "/api/training/plans?year=2026&month=10");
        Assert.Contains(plans!.AsArray(), p => (int)p!["id"]! == planId && p["sessions"]![0]!["attendance"]!.AsArray().Count == 1);
    }

    [ProviderFact]
    public async Task TRN_01_the_demo_ships_real_courses_and_an_onboarding_exam_of_at_least_ten_questions()
    {
        var (_, courses) = await SendAsync("sh.cs", HttpMethod.Get, "/api/training/courses");
        Assert.Equal(10, courses!.AsArray().Select(c => (string)c!["category"]!).Distinct().Count());
        var telephone = courses.AsArray().Single(c => (string)c!["category"]! == "TelephoneEtiquette")!;
        Assert.Contains("您好", (string)telephone["material"]!, StringComparison.Ordinal);
        var (_, exam) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/training/exams/{await OnboardingExamIdAsync()}");
        Assert.True((int)exam!["questionCount"]! >= 10 && (int)exam["bankSize"]! >= 10);
        // Trainees do not read the bank with its answers.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("sh.cs", HttpMethod.Get, $"/api/training/courses/{(int)telephone["id"]!}/questions")).Status);
    }
}

public sealed class TrainingTestsOnSqlite(SqliteClockApp app) : TrainingTests(app), IClassFixture<SqliteClockApp>;

public sealed class TrainingTestsOnPostgres(PostgresClockApp app) : TrainingTests(app), IClassFixture<PostgresClockApp>;
