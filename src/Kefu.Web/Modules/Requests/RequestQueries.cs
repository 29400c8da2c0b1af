using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests;

public sealed record SampleLineDto(int LineNo, string Product, string? Specification, int Quantity, string? Unit, string? Notes);

/// <summary>APR-02's fields.</summary>
public sealed record MemoPart(int? ToUnitId, string? ToUnit, string? ReplyBy, string? ArchiveLocation);

/// <summary>APR-03's fields, with the outbound slip and the shipment once recorded.</summary>
public sealed record SamplePart(
    int? CustomerId, string? Contact, string? Phone, string? Address, string? ExpectedOrder, IReadOnlyList<SampleLineDto> Lines,
    string? SlipNumber, string? Warehouse, string? Carrier, string? TrackingNumber, string? ShippedOn);

/// <summary>APR-04's fields.</summary>
public sealed record PolicyPart(
    int? CustomerId, string? Contact, string? Phone, string? Region, string? DealerLevel, string? RegularPolicy, string? RequestedPolicy,
    string? ValidFrom, string? ValidTo, decimal? AmountYuan);

/// <summary>
/// One step of the form's chain as the timeline shows it: done (by whom, when, with what opinion),
/// current (whose, due when) or to come; with its deadline in working days.
/// </summary>
public sealed record StepDto(string Key, string State, string? PersonId, string? Person, string? At, string? Opinion, int? DeadlineDays, string? DueAt);

public sealed record ParticipantDto(string UserId, string Name, string Kind, string StepKey, string At);

public sealed record RequestHistoryDto(string StepKey, string Action, string Actor, string? OnBehalfOf, string At, string? Comment);

/// <summary>A memo or request with its place in the chain (APR-02..04).</summary>
public sealed record RequestDto(
    int Id, string Kind, string Number, string Status, string Title, string? Body, string OwnerId, string Owner, int OrgUnitId, string OrgUnit,
    string? CurrentStep, string? CurrentApproverId, string? CurrentApprover, string? DueAt, string CreatedAt, string? SubmittedAt, string? CompletedAt, int Version,
    MemoPart? Memo, SamplePart? Sample, PolicyPart? Policy, IReadOnlyList<StepDto> Steps, IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<RequestHistoryDto> History);

public sealed record RequestRowDto(
    int Id, string Kind, string Number, string Title, string Status, string? CurrentStep, string OwnerId, string Owner, string OrgUnit, string? ToUnit,
    string CreatedAt, string? SubmittedAt, string? CompletedAt);

/// <summary>The list's filters (query string), shared by the API and the pages.</summary>
public sealed record RequestFilter(RequestStatus? Status, string? Q, DateOnly? From, DateOnly? To, bool Mine);

/// <summary>Lists and details of the forms a viewer may see.</summary>
public sealed class RequestQueries(KefuDbContext db, RequestUseCases requests, ApprovalService approvals, CalendarService calendars, TimeProvider clock)
{
    public static readonly SortMap<RequestForm> Sorts = new SortMap<RequestForm>(q => q.OrderByDescending(r => r.Id), q => q.ThenByDescending(r => r.Id))
        .Add("number", r => r.Number).Add("title", r => r.Title).Add("status", r => r.Status).Add("step", r => r.CurrentStep)
        .Add("created", r => r.CreatedAt).Add("submitted", r => r.SubmittedAt).Add("completed", r => r.CompletedAt);

    public IQueryable<RequestForm> Filter(RequestKind kind, RequestViewer viewer, RequestFilter filter)
    {
        var query = requests.Visible(viewer).AsNoTracking().Where(r => r.Kind == kind);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            query = query.Where(r => r.Number.Contains(text) || r.Title.Contains(text));
        }

        if (filter.From is { } from)
        {
            var start = Kefu.Web.Platform.CompanyTime.StartUtc(from);
            query = query.Where(r => r.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = Kefu.Web.Platform.CompanyTime.StartUtc(to.AddDays(1));
            query = query.Where(r => r.CreatedAt < end);
        }

        if (filter.Mine)
        {
            var me = viewer.UserId;
            query = query.Where(r => r.OwnerId == me);
        }

        return query;
    }

    public async Task<Paged<RequestRowDto>> ListAsync(RequestKind kind, RequestViewer viewer, RequestFilter filter, ListSort? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(kind, viewer, filter);
        var total = await query.CountAsync(ct);
        var items = await Sorts.Apply(query, sort).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<RequestRowDto>(await RowsAsync(items, ct), p, size, total);
    }

    /// <summary>Every row the filters select, for export (RPT-03).</summary>
    public async Task<IReadOnlyList<RequestRowDto>> ExportAsync(RequestKind kind, RequestViewer viewer, RequestFilter filter, ListSort? sort, CancellationToken ct) =>
        await RowsAsync(await Sorts.Apply(Filter(kind, viewer, filter), sort).Take(Paging.MaxExportRows).ToListAsync(ct), ct);

    public async Task<IReadOnlyList<RequestRowDto>> RowsAsync(IReadOnlyList<RequestForm> items, CancellationToken ct)
    {
        var owners = items.Select(i => i.OwnerId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitIds = items.Select(i => i.OrgUnitId).Concat(items.Select(i => i.ToUnitId ?? 0)).Distinct().ToArray();
        var units = await UnitNamesAsync(unitIds, ct);
        return items.Select(r => new RequestRowDto(r.Id, r.Kind.ToString(), r.Number, r.Title, r.Status.ToString(), r.CurrentStep, r.OwnerId,
            names.GetValueOrDefault(r.OwnerId, ""), units.GetValueOrDefault(r.OrgUnitId, ""), r.ToUnitId is { } to ? units.GetValueOrDefault(to) : null,
            Time(r.CreatedAt)!, Time(r.SubmittedAt), Time(r.CompletedAt))).ToArray();
    }

    /// <summary>One form the viewer may see (or whose current step is theirs), of that kind; null otherwise (404).</summary>
    public async Task<RequestForm?> FindAsync(RequestKind? kind, RequestViewer viewer, int id, CancellationToken ct)
    {
        var form = await requests.Visible(viewer).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && (kind == null || r.Kind == kind), ct);
        if (form is not null)
        {
            return form;
        }

        // A deputy acting today for the step's person sees what they are asked to decide.
        var candidate = await db.Set<RequestForm>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && (kind == null || r.Kind == kind), ct);
        if (candidate is null)
        {
            return null;
        }

        var (instance, _) = await approvals.ForSubjectAsync(RequestUseCases.SubjectType(candidate.Kind), RequestUseCases.Key(id), ct);
        return instance is { Status: ApprovalStatus.Pending } && await requests.MayActAsync(instance, viewer.UserId, ct) ? candidate : null;
    }

    public async Task<RequestDto> ToDtoAsync(RequestForm form, CancellationToken ct)
    {
        var key = RequestUseCases.Key(form.Id);
        var instances = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == RequestUseCases.SubjectType(form.Kind) && i.SubjectId == key).OrderBy(i => i.Id).ToListAsync(ct);
        var latest = instances.LastOrDefault();
        var ids = instances.Select(i => i.Id).ToArray();
        var history = await db.Set<ApprovalHistory>().AsNoTracking().Where(h => ids.Contains(h.InstanceId)).OrderBy(h => h.Id).ToListAsync(ct);
        var participants = await db.Set<RequestParticipant>().AsNoTracking().Where(p => p.RequestId == form.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var lines = form.Kind == RequestKind.Sample
            ? await db.Set<SampleLine>().AsNoTracking().Where(l => l.RequestId == form.Id).OrderBy(l => l.LineNo).ToListAsync(ct)
            : [];
        TimerDto? timer = null;
        if (latest is { Status: ApprovalStatus.Pending })
        {
            var timers = await db.Set<SlaTimer>().AsNoTracking()
                .Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == latest.Id.ToString() && t.Status != TimerStatus.Stopped).ToListAsync(ct);
            timer = (await SlaApi.ToDtosAsync(timers, calendars, clock, ct)).LastOrDefault();
        }

        var people = history.Select(h => h.ActorId).Concat(history.Select(h => h.OnBehalfOf ?? "")).Concat(participants.Select(p => p.UserId))
            .Append(form.OwnerId).Append(latest?.CurrentApproverId ?? "").Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var units = await UnitNamesAsync([form.OrgUnitId, form.ToUnitId ?? 0], ct);
        var chain = await requests.ChainAsync(form.Kind, ct);
        var pending = latest is { Status: ApprovalStatus.Pending };
        static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        return new RequestDto(
            form.Id, form.Kind.ToString(), form.Number, form.Status.ToString(), form.Title, form.Body, form.OwnerId, names.GetValueOrDefault(form.OwnerId, ""),
            form.OrgUnitId, units.GetValueOrDefault(form.OrgUnitId, ""), pending ? latest!.CurrentStepKey : null, pending ? latest!.CurrentApproverId : null,
            pending ? names.GetValueOrDefault(latest!.CurrentApproverId ?? "") : null, timer?.DueAt, Time(form.CreatedAt)!, Time(form.SubmittedAt), Time(form.CompletedAt), form.Version,
            form.Kind == RequestKind.Memo ? new MemoPart(form.ToUnitId, form.ToUnitId is { } to ? units.GetValueOrDefault(to) : null, Day(form.ReplyBy), form.ArchiveLocation) : null,
            form.Kind == RequestKind.Sample
                ? new SamplePart(form.CustomerId, form.Contact, form.Phone, form.Address, form.ExpectedOrder,
                    lines.Select(l => new SampleLineDto(l.LineNo, l.Product, l.Specification, l.Quantity, l.Unit, l.Notes)).ToArray(),
                    form.SlipNumber, form.Warehouse, form.Carrier, form.TrackingNumber, Day(form.ShippedOn))
                : null,
            form.Kind == RequestKind.SpecialPolicy
                ? new PolicyPart(form.CustomerId, form.Contact, form.Phone, form.Region, form.DealerLevel, form.RegularPolicy, form.RequestedPolicy,
                    Day(form.ValidFrom), Day(form.ValidTo), form.AmountFen is { } fen ? fen / 100m : null)
                : null,
            Steps(chain, latest, history, names, timer),
            participants.Select(p => new ParticipantDto(p.UserId, names.GetValueOrDefault(p.UserId, ""), p.Kind.ToString(), p.StepKey, Time(p.At)!)).ToArray(),
            history.Select(h => new RequestHistoryDto(h.StepKey, h.Action.ToString(), names.GetValueOrDefault(h.ActorId, ""),
                h.OnBehalfOf is { } behalf ? names.GetValueOrDefault(behalf, "") : null, Time(h.At)!, h.Comment)).ToArray());
    }

    /// <summary>
    /// The timeline of the chain: the steps of the latest run (those chosen at submission), else the
    /// chain's; each done one with who, when and the opinion, the current one with its person and due time.
    /// </summary>
    private static StepDto[] Steps(ApprovalChain chain, ApprovalInstance? latest, IReadOnlyList<ApprovalHistory> history, IReadOnlyDictionary<string, string> names, TimerDto? timer)
    {
        var keys = latest?.Keys() ?? chain.Steps.Select(s => s.Key).ToArray();
        var days = chain.Steps.Where(s => s.Deadline is { Unit: Kefu.Core.Sla.SlaUnit.WorkingDays }).ToDictionary(s => s.Key, s => s.Deadline!.Amount);
        var run = latest is null ? [] : history.Where(h => h.InstanceId == latest.Id).ToArray();
        return keys.Select((key, index) =>
        {
            var done = run.LastOrDefault(h => h.StepKey == key && h.Action != ApprovalAction.Submit);
            int? deadline = days.TryGetValue(key, out var d) ? d : null;
            if (done is not null)
            {
                return new StepDto(key, done.Action.ToString(), done.ActorId, names.GetValueOrDefault(done.ActorId), Time(done.At), done.Comment, deadline, null);
            }

            if (latest is { Status: ApprovalStatus.Pending } && latest.CurrentIndex == index)
            {
                return new StepDto(key, "Current", latest.CurrentApproverId, names.GetValueOrDefault(latest.CurrentApproverId ?? ""), null, null, deadline, timer?.DueAt);
            }

            return new StepDto(key, "Waiting", null, null, null, null, deadline, null);
        }).ToArray();
    }

    private async Task<Dictionary<int, string>> UnitNamesAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var english = Kefu.Web.Platform.Localization.LocalizationSetup.IsEnglish;
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        return units.ToDictionary(u => u.Id, u => u.DisplayName(english));
    }

    public static string? Time(DateTime? utc) => Expenses.ExpensesModule.Time(utc);
}
