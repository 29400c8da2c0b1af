using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Jobs;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Intake;

public sealed record IntakeItemDto(
    int Id, IntakeChannel Channel, DateTime ReceivedAt, string FromAddress, string? FromName, int? CustomerId, string? CustomerName, bool SenderAmbiguous,
    string Subject, string Body, bool BodyCut, string? Problem, string? SkippedAttachments, IntakeStatus Status, string? RecordType, int? RecordId,
    string? RecordNumber, bool ContentConfirmed, int CentreId, int Version, string? DiscardReason, Kefu.Core.Intake.PortalRequestKind? RequestKind, string? ContactPhone);

/// <summary>A mailbox as the administrator sees it: never its password, only whether one is set; with the poller's state.</summary>
public sealed record MailboxDto(
    string Key, string Name, bool Enabled, string Host, int Port, SmtpSecurity Security, string UserName, bool HasPassword, string Folder, int CentreId,
    DateTime? LastRunAt, DateTime? LastSuccessAt, int Failures, DateTime? NextAttemptAt, string? LastError, int Taken);

public sealed record PollResultDto(int Taken);

/// <summary>The intake queue (issue 19, ORD-01's email channel): mailboxes read over IMAP, items converted in one step.</summary>
public static class IntakeModule
{
    public const string WorkPolicy = "WorkIntake";

    internal static readonly Role[] Workers = IncidentsModule.Recorders;

    public static void AddIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IntakeUseCases>();
        builder.Services.AddScoped<MailTaker>();
        builder.Services.AddScoped<MailboxPoller>();
        builder.AddRecurringJob<MailboxPollJob>("intake-mailboxes", TimeSpan.FromSeconds(builder.Configuration.GetValue("Kefu:Intake:TickSeconds", 30)));
        builder.Services.AddAuthorizationBuilder().AddPolicy(WorkPolicy, p => p.RequireRole(Workers.Select(KefuRoles.Name)));
        builder.Services.AddHealthChecks().AddCheck<MailboxHealthCheck>("mailboxes", tags: ["ready"]);
    }

    public static void MapIntake(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/intake").WithTags("Intake").RequireAuthorization(WorkPolicy);
        group.MapGet("/", List).WithName("ListIntakeItems").WithSummary("The intake queue of the caller's centres, filtered, sorted and paged.");
        group.MapGet("/{id:int}", Get).WithName("GetIntakeItem");
        group.MapPost("/{id:int}/incident", ToIncident).RequireWritePolicy(WorkPolicy).WithName("ConvertIntakeToIncident")
             .WithSummary("EXC-01/02: the message becomes an incident or complaint; its clocks start at the message's received time.");
        group.MapPost("/{id:int}/order", ToOrder).RequireWritePolicy(WorkPolicy).WithName("ConvertIntakeToOrder")
             .WithSummary("ORD-01: the message becomes a draft work order once its content was confirmed with the customer.");
        // Both policies: the caller works the intake queue (the group's) and may create field jobs (the Field module's).
        group.MapPost("/{id:int}/job", ToJob).RequireWritePolicy(FieldModule.CreatePolicy).WithName("ConvertIntakeToJob")
             .WithSummary("FLD-02/03: the message becomes a field-service repair job; its clocks start at the message's received time.");
        group.MapPost("/{id:int}/discard", Discard).RequireWritePolicy(WorkPolicy).WithName("DiscardIntakeItem");

        var mailboxes = api.MapGroup("/intake-mailboxes").WithTags("Intake").RequireAuthorization(Policies.Administer);
        mailboxes.MapGet("/", Mailboxes).WithName("ListMailboxes").WithSummary("The mailboxes read for intake, with the state of their last reads.");
        mailboxes.MapPost("/poll", Poll).RequireWritePolicy(Policies.Administer).WithName("PollMailboxes").WithSummary("Reads every mailbox now.");

        api.MapPost("/incidents/{id:int}/email-reply", Reply).WithTags("Incidents").RequireAuthorization(IncidentsModule.RecordPolicy)
           .RequireWritePolicy(IncidentsModule.RecordPolicy).WithName("EmailReplyToCustomer")
           .WithSummary("EXC-05: the reply to the customer, sent by email in the customer's thread.");
    }

    public static IntakeItemDto ToDto(IntakeItem i) => new(
        i.Id, i.Channel, i.ReceivedAt, i.FromAddress, i.FromName, i.CustomerId, i.CustomerName, i.SenderAmbiguous, i.Subject, i.Body, i.BodyCut, i.Problem,
        i.SkippedAttachments, i.Status, i.RecordType, i.RecordId, i.RecordNumber, i.ContentConfirmed, i.CentreId, i.Version, i.DiscardReason, i.RequestKind, i.ContactPhone);

    /// <summary>The columns the queue sorts on (page and API); newest first by default.</summary>
    public static readonly SortMap<IntakeItem> Sorts = new SortMap<IntakeItem>(q => q.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id), q => q.ThenByDescending(i => i.Id))
        .Add("received", i => i.ReceivedAt).Add("from", i => i.FromAddress).Add("customer", i => i.CustomerName).Add("subject", i => i.Subject).Add("status", i => i.Status);

    internal static IQueryable<IntakeItem> Filter(IQueryable<IntakeItem> query, IntakeStatus? status, IntakeChannel? channel, string? q)
    {
        query = status is { } s ? query.Where(i => i.Status == s) : query;
        query = channel is { } c ? query.Where(i => i.Channel == c) : query;
        return string.IsNullOrWhiteSpace(q) ? query
            : query.Where(i => i.Subject.Contains(q) || i.FromAddress.Contains(q) || (i.CustomerName != null && i.CustomerName.Contains(q)) || (i.FromName != null && i.FromName.Contains(q)));
    }

    private static async Task<Results<Ok<Paged<IntakeItemDto>>, ValidationProblem>> List(
        IntakeStatus? status, IntakeChannel? channel, string? q, int? page, int? pageSize, string? sort, string? dir, IntakeUseCases intake, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("q", q, 200);
        var order = ListSort.ForApi(sort, dir, Sorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(intake.Visible(await current.GetViewerAsync(ct)).AsNoTracking(), status, channel, q);
        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<IntakeItemDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<IntakeItemDto>, NotFound>> Get(int id, IntakeUseCases intake, CurrentUser current, CancellationToken ct) =>
        await intake.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } item
            ? TypedResults.Ok(ToDto(item))
            : TypedResults.NotFound();

    private static Results<Ok<IntakeItemDto>, ValidationProblem, NotFound, Conflict> Answer(IntakeResult result) => result switch
    {
        IntakeResult.Ok ok => TypedResults.Ok(ToDto(ok.Item)),
        IntakeResult.Invalid invalid => invalid.Problems.ToProblem(),
        IntakeResult.Conflict => TypedResults.Conflict(),
        _ => TypedResults.NotFound(),
    };

    private static async Task<Results<Ok<IntakeItemDto>, ValidationProblem, NotFound, Conflict>> ToIncident(
        int id, IntakeIncidentInput input, IntakeUseCases intake, CurrentUser current, CancellationToken ct) =>
        Answer(await intake.ToIncidentAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IntakeItemDto>, ValidationProblem, NotFound, Conflict>> ToOrder(
        int id, IntakeOrderInput input, IntakeUseCases intake, CurrentUser current, CancellationToken ct) =>
        Answer(await intake.ToOrderAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IntakeItemDto>, ValidationProblem, NotFound, Conflict>> ToJob(
        int id, IntakeJobInput input, IntakeUseCases intake, CurrentUser current, CancellationToken ct) =>
        Answer(await intake.ToJobAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IntakeItemDto>, ValidationProblem, NotFound, Conflict>> Discard(
        int id, IntakeDiscardInput input, IntakeUseCases intake, CurrentUser current, CancellationToken ct) =>
        Answer(await intake.DiscardAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct));

    private static async Task<Results<Ok<IncidentDto>, ValidationProblem, NotFound>> Reply(
        int id, EmailReplyInput input, IntakeUseCases intake, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (result, _) = await intake.ReplyByEmailAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return result switch
        {
            IncidentResult.Ok => TypedResults.Ok(IncidentsModule.ToDto(await db.Set<Incident>().AsNoTracking().SingleAsync(i => i.Id == id, ct))),
            IncidentResult.Invalid invalid => invalid.Problems.ToProblem(),
            _ => TypedResults.NotFound(),
        };
    }

    internal static async Task<IReadOnlyList<MailboxDto>> MailboxesAsync(PolicyStore store, KefuDbContext db, CancellationToken ct)
    {
        var list = await store.GetAsync<MailboxList>(MailboxList.Key, ct);
        var states = await db.Set<MailboxState>().AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
        return list.Mailboxes.Select(m =>
        {
            var s = states.GetValueOrDefault(m.Key);
            return new MailboxDto(m.Key, m.Name, m.Enabled, m.Host, m.Port, m.Security, m.UserName, !string.IsNullOrEmpty(m.Password), m.Folder, m.CentreId,
                s?.LastRunAt, s?.LastSuccessAt, s?.Failures ?? 0, s?.NextAttemptAt, s?.LastError, s?.Taken ?? 0);
        }).ToArray();
    }

    private static async Task<Ok<IReadOnlyList<MailboxDto>>> Mailboxes(PolicyStore store, KefuDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await MailboxesAsync(store, db, ct));

    private static async Task<Ok<PollResultDto>> Poll(MailboxPoller poller, CancellationToken ct) =>
        TypedResults.Ok(new PollResultDto(await poller.PollDueAsync(true, ct)));
}
