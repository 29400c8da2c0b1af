using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Visits;

/// <summary>
/// VIS-05 over the API on both databases: a questionnaire built and published by a supervisor, a
/// signed link sent by a specialist, answered once without an account, and the rating counted in
/// VIS-04. Runs on the hand-moved clock so that links can expire and the month is one no demo
/// record falls in (the demo history ends at the clock's start, 2026-09-28).
/// </summary>
public abstract class SurveyLinkTests(ClockApp app)
{
    /// <summary>A month after the demo history: only this class's answers count in it.</summary>
    private static readonly DateTimeOffset AnswerDay = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8));

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string? user, HttpMethod method, string url, object? body = null)
    {
        // No user: an anonymous respondent's browser.
        using var client = user is null ? app.CreateClient() : await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart()[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }

    private static object SurveyInput(string title) => new
    {
        title,
        kind = "OwnerSatisfaction",
        questions = new object[]
        {
            new { text = "您通过哪个渠道报修？", type = "SingleChoice", options = new[] { "电话", "微信", "邮件" }, required = true },
            new { text = "您对本次服务满意吗？", type = "Rating", required = true },
            new { text = "其他意见", type = "Text", required = false },
        },
    };

    /// <summary>A published survey of 上海中心 built by sh.sup; returns its id.</summary>
    private async Task<int> PublishedSurveyAsync()
    {
        var (created, survey) = await SendAsync("sh.sup", HttpMethod.Post, "/api/surveys", SurveyInput("业主满意度 " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.False((bool)survey!["published"]!);
        var id = (int)survey["id"]!;
        var (published, after) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/surveys/{id}/publish");
        Assert.Equal(HttpStatusCode.OK, published);
        Assert.True((bool)after!["published"]!);
        return id;
    }

    /// <summary>sh.cs sends a link; returns the invitation and the token at the end of the link.</summary>
    private async Task<(JsonNode Invitation, string Token)> InviteAsync(int surveyId, string technician, int? validDays = null)
    {
        using var cs = await app.ClientFor("sh.cs");
        using var response = await cs.SendJsonAsync("POST", $"/api/surveys/{surveyId}/invitations", new
        {
            respondentName = "业主 " + Guid.NewGuid().ToString("N")[..4], respondentEmail = "owner@example.com", technicianId = await app.StaffIdAsync(technician), validDays,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Invitation: {(int)response.StatusCode} {text}");
        var invitation = JsonNode.Parse(text)!;
        var link = (string)invitation["link"]!;
        Assert.Equal(link, response.Headers.Location?.OriginalString);
        Assert.Contains("/s/", link, StringComparison.Ordinal);
        return (invitation, link[(link.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..]);
    }

    /// <summary>The token with one character in its middle changed to another valid base64url character.</summary>
    private static string Tampered(string token)
    {
        var i = token.Length / 2;
        var chars = token.ToCharArray();
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static object Answers(string channel, string rating) => new { answers = new Dictionary<string, object> { ["q1"] = channel, ["q2"] = rating, ["q3"] = "师傅很准时" } };

    /// <summary>The clock belongs to the class fixture; xunit runs a class's tests one at a time, each from the same start.</summary>
    private async Task Serially(Func<Task> test)
    {
        app.Clock.Set(ClockApp.Start);
        await test();
    }

    [ProviderFact]
    public Task VIS_05_a_link_opens_without_an_account_takes_one_answer_and_refuses_a_second() => Serially(async () =>
    {
        var surveyId = await PublishedSurveyAsync();
        app.Clock.Set(AnswerDay);
        var (invitation, token) = await InviteAsync(surveyId, "sh.eng2");
        Assert.Null(invitation["answeredAt"]);

        var (opened, questionnaire) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{token}");
        Assert.Equal(HttpStatusCode.OK, opened);
        Assert.Equal((string)invitation["respondentName"]!, (string?)questionnaire!["respondentName"]);
        var questions = questionnaire["questions"]!.AsArray();
        Assert.Equal(["q1", "q2", "q3"], questions.Select(q => (string)q!["key"]!));
        Assert.Equal(["SingleChoice", "Rating", "Text"], questions.Select(q => (string)q!["type"]!));
        Assert.Equal(["电话", "微信", "邮件"], questions[0]!["options"]!.AsArray().Select(o => (string)o!));

        // The public page renders the same questionnaire without a sign-in.
        using (var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        using (var page = await browser.GetAsync($"/s/{token}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("您对本次服务满意吗？", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (answered, _) = await SendAsync(null, HttpMethod.Post, $"/api/public/surveys/{token}", Answers("微信", "VerySatisfied"));
        Assert.Equal(HttpStatusCode.NoContent, answered);

        var (again, problem) = await SendAsync(null, HttpMethod.Post, $"/api/public/surveys/{token}", Answers("电话", "Dissatisfied"));
        Assert.Equal(HttpStatusCode.Gone, again);
        Assert.Equal(410, (int?)problem?["status"]);
        var (reopened, _) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{token}");
        Assert.Equal(HttpStatusCode.Gone, reopened);

        // VIS-04: the answer's rating counts for the invitation's technician in the month it was given, once.
        var (status, month) = await SendAsync("sh.sup", HttpMethod.Get, "/api/satisfaction?month=2026-11&by=Technician");
        Assert.Equal(HttpStatusCode.OK, status);
        var row = month!["rows"]!.AsArray().Single(r => (string?)r!["key"] == (string)invitation["technicianId"]!)!;
        Assert.Equal(1, (int)row["rated"]!);
        Assert.Equal(1, (int)row["verySatisfied"]!);
        Assert.Equal(100m, (decimal)row["verySatisfiedShare"]!);
        Assert.Equal(0, (int)row["complaints"]!);
        Assert.Equal(1, (int)month["trend"]!.AsArray().Single(p => (string?)p!["month"] == "2026-11")!["rated"]!);

        // Another centre's supervisor does not see 上海's technician in the figures.
        var (_, hzMonth) = await SendAsync("hz.sup", HttpMethod.Get, "/api/satisfaction?month=2026-11&by=Technician");
        Assert.DoesNotContain(hzMonth!["rows"]!.AsArray(), r => (string?)r!["key"] == (string)invitation["technicianId"]!);
    });

    [ProviderFact]
    public Task VIS_05_two_answers_sent_at_the_same_time_are_taken_once() => Serially(async () =>
    {
        var surveyId = await PublishedSurveyAsync();
        app.Clock.Set(AnswerDay.AddDays(1));
        var (invitation, token) = await InviteAsync(surveyId, "sh.eng1");
        using var first = app.CreateClient();
        using var second = app.CreateClient();
        var responses = await Task.WhenAll(
            first.SendJsonAsync("POST", $"/api/public/surveys/{token}", Answers("电话", "Dissatisfied")),
            second.SendJsonAsync("POST", $"/api/public/surveys/{token}", Answers("邮件", "Dissatisfied")));
        var codes = responses.Select(r => r.StatusCode).Order().ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Gone], codes);
        var (_, month) = await SendAsync("sh.sup", HttpMethod.Get, "/api/satisfaction?month=2026-11&by=Technician");
        var row = month!["rows"]!.AsArray().Single(r => (string?)r!["key"] == (string)invitation["technicianId"]!)!;
        Assert.Equal(1, (int)row["rated"]!);
    });

    [ProviderFact]
    public Task VIS_05_a_tampered_token_is_not_found() => Serially(async () =>
    {
        var surveyId = await PublishedSurveyAsync();
        var (_, token) = await InviteAsync(surveyId, "sh.eng1");
        var forged = Tampered(token);
        Assert.NotEqual(token, forged);

        var (opened, _) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{forged}");
        Assert.Equal(HttpStatusCode.NotFound, opened);
        var (answered, _) = await SendAsync(null, HttpMethod.Post, $"/api/public/surveys/{forged}", Answers("电话", "Satisfied"));
        Assert.Equal(HttpStatusCode.NotFound, answered);

        // The forgery answered nothing: the genuine link is still open.
        var (genuine, _) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{token}");
        Assert.Equal(HttpStatusCode.OK, genuine);
    });

    [ProviderFact]
    public Task VIS_05_an_expired_link_is_gone() => Serially(async () =>
    {
        var surveyId = await PublishedSurveyAsync();
        var (invitation, token) = await InviteAsync(surveyId, "sh.eng1", validDays: 2);
        var expiresAt = DateTime.Parse((string)invitation["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(ClockApp.Start.UtcDateTime.AddDays(2), expiresAt);

        app.Clock.Set(new DateTimeOffset(expiresAt, TimeSpan.Zero).AddMinutes(-1));
        var (open, _) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{token}");
        Assert.Equal(HttpStatusCode.OK, open);

        app.Clock.Set(new DateTimeOffset(expiresAt, TimeSpan.Zero).AddMinutes(1));
        var (opened, _) = await SendAsync(null, HttpMethod.Get, $"/api/public/surveys/{token}");
        Assert.Equal(HttpStatusCode.Gone, opened);
        var (answered, _) = await SendAsync(null, HttpMethod.Post, $"/api/public/surveys/{token}", Answers("电话", "Satisfied"));
        Assert.Equal(HttpStatusCode.Gone, answered);
    });

    [ProviderFact]
    public Task VIS_05_answers_are_validated_per_question_and_a_refused_answer_leaves_the_link_open() => Serially(async () =>
    {
        var surveyId = await PublishedSurveyAsync();
        var (_, token) = await InviteAsync(surveyId, "sh.eng1");
        var url = $"/api/public/surveys/{token}";
        using var anonymous = app.CreateClient();

        using (var missing = await anonymous.SendJsonAsync("POST", url, new { answers = new Dictionary<string, object> { ["q2"] = "Satisfied" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal(["answers.q1"], await missing.ProblemFieldsAsync());
        }

        using (var notAnOption = await anonymous.SendJsonAsync("POST", url, Answers("传真", "Satisfied")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAnOption.StatusCode);
            Assert.Equal(["answers.q1"], await notAnOption.ProblemFieldsAsync());
        }

        using (var badRating = await anonymous.SendJsonAsync("POST", url, Answers("电话", "非常好")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
            Assert.Equal(["answers.q2"], await badRating.ProblemFieldsAsync());
        }

        // Only the four names of the scale count as a rating; a list of them is not one.
        using (var twoRatings = await anonymous.SendJsonAsync("POST", url, Answers("电话", "Satisfied,Neutral")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twoRatings.StatusCode);
            Assert.Equal(["answers.q2"], await twoRatings.ProblemFieldsAsync());
        }

        // The optional text may be left out; the refused attempts did not use the link up.
        using var ok = await anonymous.SendJsonAsync("POST", url, new { answers = new Dictionary<string, object> { ["q1"] = "电话", ["q2"] = "Neutral" } });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
    });

    [ProviderFact]
    public Task VIS_05_a_published_survey_can_no_longer_be_edited_and_a_draft_cannot_be_sent() => Serially(async () =>
    {
        var title = "草稿问卷 " + Guid.NewGuid().ToString("N")[..6];
        var (_, draft) = await SendAsync("sh.sup", HttpMethod.Post, "/api/surveys", SurveyInput(title));
        var id = (int)draft!["id"]!;

        // A draft is editable but has no links yet.
        var (edited, afterEdit) = await SendAsync("sh.sup", HttpMethod.Put, $"/api/surveys/{id}", SurveyInput(title + " v2"));
        Assert.Equal(HttpStatusCode.OK, edited);
        Assert.Equal(title + " v2", (string?)afterEdit!["title"]);
        var (unsent, unsentProblem) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/surveys/{id}/invitations", new { respondentName = "业主" });
        Assert.Equal(HttpStatusCode.BadRequest, unsent);
        Assert.True(unsentProblem!["errors"]!.AsObject().ContainsKey("surveyId"));

        // The builder refuses a choice question with fewer than two options.
        var (invalid, invalidProblem) = await SendAsync("sh.sup", HttpMethod.Post, "/api/surveys", new
        {
            title, kind = "UserFeedback", questions = new object[] { new { text = "选一个", type = "SingleChoice", options = new[] { "唯一" } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.True(invalidProblem!["errors"]!.AsObject().ContainsKey("questions[0].options"));

        var (published, _) = await SendAsync("sh.sup", HttpMethod.Post, $"/api/surveys/{id}/publish");
        Assert.Equal(HttpStatusCode.OK, published);
        var (refused, problem) = await SendAsync("sh.sup", HttpMethod.Put, $"/api/surveys/{id}", SurveyInput(title + " v3"));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("questions"));
        var (_, unchanged) = await SendAsync("sh.sup", HttpMethod.Get, $"/api/surveys/{id}");
        Assert.Equal(title + " v2", (string?)unchanged!["title"]);
    });
}

public sealed class SurveyLinkTestsOnSqlite(SqliteClockApp app) : SurveyLinkTests(app), IClassFixture<SqliteClockApp>;

public sealed class SurveyLinkTestsOnPostgres(PostgresClockApp app) : SurveyLinkTests(app), IClassFixture<PostgresClockApp>;
