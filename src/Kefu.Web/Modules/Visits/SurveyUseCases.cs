using System.Security.Cryptography;
using System.Text.Json;
using Kefu.Core.Organization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

public sealed record SurveyInput(string? Title, string? TitleEn, SurveyKind? Kind, int? CentreId, IReadOnlyList<SurveyQuestionInput>? Questions, int? Version);

public sealed record SurveyQuestionInput(string? Text, string? TextEn, QuestionType? Type, IReadOnlyList<string>? Options, bool? Required);

public sealed record SurveyDto(int Id, string Title, string? TitleEn, SurveyKind Kind, int CentreId, bool Published, IReadOnlyList<SurveyQuestion> Questions, int Version);

public sealed record InvitationInput(string? RespondentName, string? RespondentEmail, int? CustomerId, string? TechnicianId, int? ValidDays);

public sealed record InvitationDto(int Id, int SurveyId, string RespondentName, int? CustomerId, string? TechnicianId, DateTime ExpiresAt, DateTime? AnsweredAt, string? Link);

/// <summary>Answers by question key: a string for single choice, rating and text; an array of strings for multiple choice.</summary>
public sealed record SurveyAnswers(IReadOnlyDictionary<string, JsonElement>? Answers);

/// <summary>What opening a link finds.</summary>
public enum LinkState
{
    Open,
    Invalid,
    Expired,
    Answered,
}

public sealed record OpenedSurvey(LinkState State, Survey? Survey, SurveyInvitation? Invitation, IReadOnlyList<SurveyQuestion> Questions);

/// <summary>
/// VIS-05: questionnaires, per-respondent links and their answers. A link carries a token the
/// server's data-protection keys sign and encrypt (invitation id and a random nonce), so it
/// cannot be forged or altered; it expires, and it takes one answer.
/// </summary>
public sealed class SurveyUseCases(KefuDbContext db, CustomerUseCases customers, VisitUseCases visits, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxQuestions = 50;
    public const int DefaultValidDays = 14;
    public const int MaxValidDays = 90;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly IDataProtector _protector = protection.CreateProtector("Kefu.Surveys.Link.v1");

    public static IReadOnlyList<SurveyQuestion> Questions(Survey survey) => JsonSerializer.Deserialize<List<SurveyQuestion>>(survey.QuestionsJson, Json) ?? [];

    public static SurveyDto ToDto(Survey s) => new(s.Id, s.Title, s.TitleEn, s.Kind, s.CentreId, s.Published, Questions(s), s.Version);

    public static InvitationDto ToDto(SurveyInvitation i, string? link) => new(i.Id, i.SurveyId, i.RespondentName, i.CustomerId, i.TechnicianId, i.ExpiresAt, i.AnsweredAt, link);

    public async Task<(Survey? Survey, ProblemBuilder Problems)> CreateAsync(ScopeViewer viewer, string userId, SurveyInput input, CancellationToken ct)
    {
        var problems = Validate(input, out var questions);
        var centre = await customers.CentreAsync(viewer, input.CentreId, userId, problems, ct);
        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var survey = new Survey
        {
            Title = input.Title!.Trim(), TitleEn = Trim(input.TitleEn), Kind = input.Kind!.Value, OrgPath = centre!.Path, CentreId = centre.Id, OwnerId = userId,
            QuestionsJson = JsonSerializer.Serialize(questions, Json), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(survey);
        await db.SaveChangesAsync(ct);
        return (survey, problems);
    }

    /// <summary>Edits a draft; a published survey keeps its questions so earlier answers keep their meaning.</summary>
    public async Task<(Survey? Survey, ProblemBuilder Problems, bool Conflict)> UpdateAsync(ScopeViewer viewer, int id, SurveyInput input, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().VisibleTo(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return (null, new ProblemBuilder(), false);
        }

        if (input.Version is { } version && version != survey.Version)
        {
            return (survey, new ProblemBuilder(), true);
        }

        var problems = Validate(input, out var questions);
        if (survey.Published)
        {
            problems.Add("questions", "Survey.Published");
        }

        if (problems.HasErrors)
        {
            return (survey, problems, false);
        }

        survey.Title = input.Title!.Trim();
        survey.TitleEn = Trim(input.TitleEn);
        survey.Kind = input.Kind!.Value;
        survey.QuestionsJson = JsonSerializer.Serialize(questions, Json);
        await db.SaveChangesAsync(ct);
        return (survey, problems, false);
    }

    public async Task<Survey?> PublishAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().VisibleTo(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (survey is { Published: false })
        {
            survey.Published = true;
            await db.SaveChangesAsync(ct);
        }

        return survey;
    }

    /// <summary>Creates a respondent's link; <paramref name="baseUrl"/> is the site's address as the respondent will reach it.</summary>
    public async Task<(SurveyInvitation? Invitation, string? Link, ProblemBuilder Problems)> InviteAsync(
        ScopeViewer viewer, string userId, int surveyId, InvitationInput input, string baseUrl, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var survey = await db.Set<Survey>().AsNoTracking().Where(SendableBy(viewer)).SingleOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return (null, null, problems);
        }

        if (!survey.Published)
        {
            problems.Add("surveyId", "Survey.NotPublished");
        }

        problems.Required("respondentName", input.RespondentName).MaxLength("respondentName", input.RespondentName, 100)
            .MaxLength("respondentEmail", input.RespondentEmail, 256);
        if (input.ValidDays is < 1 or > MaxValidDays)
        {
            problems.Add("validDays", "Policy.OutOfRange", 1, MaxValidDays);
        }

        if (input.CustomerId is { } customerId && !await db.Set<Customer>().VisibleTo(viewer).AnyAsync(c => c.Id == customerId, ct))
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        if (!string.IsNullOrEmpty(input.TechnicianId) && !await visits.TeamTechnicians(viewer).AnyAsync(u => u.Id == input.TechnicianId, ct))
        {
            problems.Add("technicianId", "Callback.UnknownTechnician");
        }

        if (problems.HasErrors)
        {
            return (null, null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new SurveyInvitation
        {
            SurveyId = survey!.Id, OrgPath = survey.OrgPath, CreatedById = userId, CustomerId = input.CustomerId, RespondentName = input.RespondentName!.Trim(),
            RespondentEmail = Trim(input.RespondentEmail), TechnicianId = string.IsNullOrEmpty(input.TechnicianId) ? null : input.TechnicianId,
            Nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ExpiresAt = now.AddDays(input.ValidDays ?? DefaultValidDays), CreatedAt = now,
        };
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (invitation, LinkFor(invitation, baseUrl), problems);
    }

    /// <summary>
    /// Questionnaires are shared down the tree: anyone may send a survey of their own scope, of
    /// their centre, or of the units above their centre (a head-office survey reaches every centre).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Survey, bool>> SendableBy(ScopeViewer viewer)
    {
        var visible = viewer.VisiblePath ?? viewer.CentrePath;
        var ids = OrgPath.Ids(viewer.CentrePath);
        var ancestors = Enumerable.Range(1, ids.Count).Select(n => "/" + string.Join("/", ids.Take(n)) + "/").ToArray();
        return s => s.OrgPath.StartsWith(visible) || ancestors.Contains(s.OrgPath);
    }

    public string LinkFor(SurveyInvitation invitation, string baseUrl) => $"{baseUrl.TrimEnd('/')}/s/{Token(invitation)}";

    public string Token(SurveyInvitation invitation) =>
        Base64Url(_protector.Protect(System.Text.Encoding.UTF8.GetBytes($"{invitation.Id}:{invitation.Nonce}")));

    /// <summary>What a link leads to: an open questionnaire, or why not.</summary>
    public async Task<OpenedSurvey> OpenAsync(string? token, CancellationToken ct)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is null)
        {
            return new OpenedSurvey(LinkState.Invalid, null, null, []);
        }

        var survey = await db.Set<Survey>().AsNoTracking().SingleAsync(s => s.Id == invitation.SurveyId, ct);
        var state = invitation.AnsweredAt is not null ? LinkState.Answered
            : invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? LinkState.Expired
            : LinkState.Open;
        return new OpenedSurvey(state, survey, invitation, Questions(survey));
    }

    /// <summary>Takes the one answer a link allows; a second attempt, an expired or a forged link gets the state instead.</summary>
    public async Task<(LinkState State, ProblemBuilder Problems)> AnswerAsync(string? token, SurveyAnswers input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var opened = await OpenAsync(token, ct);
        if (opened.State != LinkState.Open)
        {
            return (opened.State, problems);
        }

        var answers = input.Answers ?? new Dictionary<string, JsonElement>();
        var clean = new Dictionary<string, object>(StringComparer.Ordinal);
        SatisfactionRating? rating = null;
        foreach (var question in opened.Questions)
        {
            var field = "answers." + question.Key;
            var given = answers.TryGetValue(question.Key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : (JsonElement?)null;
            var values = given is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToArray()
                : given is { } single ? [single.ValueKind == JsonValueKind.String ? single.GetString()! : single.ToString()] : [];
            values = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            if (values.Length == 0)
            {
                if (question.Required)
                {
                    problems.Add(field, "Validation.RequiredHere");
                }

                continue;
            }

            switch (question.Type)
            {
                case QuestionType.SingleChoice when values.Length != 1 || !(question.Options ?? []).Contains(values[0]):
                case QuestionType.MultipleChoice when values.Any(v => !(question.Options ?? []).Contains(v)):
                // One of the scale's names: Enum.TryParse also read "Satisfied,Neutral" as their bitwise OR (Dissatisfied).
                case QuestionType.Rating when values.Length != 1 || !Enum.GetNames<SatisfactionRating>().Contains(values[0], StringComparer.Ordinal):
                    problems.Add(field, "Survey.BadAnswer");
                    continue;
                case QuestionType.Text when values[0].Length > 2000:
                    problems.Add(field, "Validation.TooLongHere", 2000);
                    continue;
                case QuestionType.Rating:
                    var parsed = Enum.Parse<SatisfactionRating>(values[0]);
                    rating ??= parsed;
                    clean[question.Key] = parsed.ToString();
                    break;
                case QuestionType.MultipleChoice:
                    clean[question.Key] = values.Distinct(StringComparer.Ordinal).ToArray();
                    break;
                default:
                    clean[question.Key] = values[0];
                    break;
            }
        }

        if (problems.HasErrors)
        {
            return (LinkState.Open, problems);
        }

        var invitation = await db.Set<SurveyInvitation>().SingleAsync(i => i.Id == opened.Invitation!.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        invitation.AnsweredAt = now;
        db.Add(new SurveyResponse
        {
            InvitationId = invitation.Id, SurveyId = invitation.SurveyId, OrgPath = invitation.OrgPath, CustomerId = invitation.CustomerId,
            TechnicianId = invitation.TechnicianId, AnsweredAt = now, AnswersJson = JsonSerializer.Serialize(clean, Json), Rating = rating,
        });
        try
        {
            // The invitation's version and the unique response per invitation make a race answer once.
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return (LinkState.Answered, problems);
        }

        return (LinkState.Open, problems);
    }

    private async Task<SurveyInvitation?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = System.Text.Encoding.UTF8.GetString(_protector.Unprotect(FromBase64Url(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = payload.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var invitation = await db.Set<SurveyInvitation>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        return invitation is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(invitation.Nonce), System.Text.Encoding.ASCII.GetBytes(parts[1])) ? invitation : null;
    }

    private static ProblemBuilder Validate(SurveyInput input, out List<SurveyQuestion> questions)
    {
        var problems = new ProblemBuilder();
        problems.Required("title", input.Title).MaxLength("title", input.Title, 200).MaxLength("titleEn", input.TitleEn, 200);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            problems.Add("kind", "Validation.RequiredHere");
        }

        questions = [];
        var given = input.Questions ?? [];
        if (given.Count == 0)
        {
            problems.Add("questions", "Survey.NoQuestions");
        }
        else if (given.Count > MaxQuestions)
        {
            problems.Add("questions", "Survey.TooManyQuestions", MaxQuestions);
        }

        for (var i = 0; i < given.Count && i < MaxQuestions; i++)
        {
            var q = given[i];
            var field = $"questions[{i}]";
            problems.Required(field + ".text", q.Text).MaxLength(field + ".text", q.Text, 500).MaxLength(field + ".textEn", q.TextEn, 500);
            if (q.Type is not { } type || !Enum.IsDefined(type))
            {
                problems.Add(field + ".type", "Validation.RequiredHere");
                continue;
            }

            var options = (q.Options ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (type is QuestionType.SingleChoice or QuestionType.MultipleChoice && options.Length < 2)
            {
                problems.Add(field + ".options", "Survey.TwoOptions");
            }
            else if (options.Any(o => o.Length > 200) || options.Length > 20)
            {
                problems.Add(field + ".options", "Validation.TooLongHere", 200);
            }

            questions.Add(new SurveyQuestion($"q{i + 1}", q.Text?.Trim() ?? "", Trim(q.TextEn), type,
                type is QuestionType.SingleChoice or QuestionType.MultipleChoice ? options : null, q.Required ?? true));
        }

        return problems;
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
