using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Orders;

public sealed record TrackingPointDto(int Id, string Key, int Position, DateTime? DueAt, DateTime? DoneAt, string? Note);

public sealed record OrderDto(
    int Id, string Number, int CustomerId, string CustomerName, IntakeChannel Channel, bool ReadBackConfirmed, DangerousGoodsAnswer DangerousGoods,
    long? NoticeAttachmentId, JobType JobType, string? VehicleType, DateTime? RequestedArrival, string? SignOffRequirements, string? ImportantNotes,
    SettlementMode Settlement, string? PickupParty, string? PickupCity, string? PickupAddress, string? PickupContact, string? PickupPhone,
    string? DeliveryParty, string? DeliveryCity, string? DeliveryAddress, string? DeliveryContact, string? DeliveryPhone,
    string? GoodsName, int? Pieces, decimal? WeightKg, decimal? VolumeM3, string? Packaging, GoodsPurpose Purpose, bool SpecialRequirements,
    decimal? EstimatedCharge, decimal? DeclaredValue, FeedbackChannel FeedbackChannel, bool Distributor, OrderStatus Status, bool BreakIn, HandlingCentre? HandlingCentre,
    TrackingClass? ProposedClass, TrackingClass? TrackingClass, DateTime? ExpectedArrival, DateTime? ActualArrival, bool? OnTime, bool? Satisfied,
    DateTime? CustomerInformedAt, string? LateCause, string? LateRemedy, bool ConsignorInformed, bool ConsigneeInformed, long? PodAttachmentId,
    DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? ClosedAt, int CentreId, string OwnerId, int Version, IReadOnlyList<TrackingPointDto> TrackingPoints,
    EmailConfirmationDto? EmailConfirmation = null, DateTime? LateDetectedAt = null, int? LateIncidentId = null, CityJobDto? CityJob = null);

/// <summary>ORD-01: the email order's confirmation with the customer: with whom, when, how, what, recorded by whom.</summary>
public sealed record EmailConfirmationDto(string ConfirmedWith, DateTime ConfirmedAt, FeedbackChannel Method, string Content, string? RecordedById);

/// <summary>ORD-04: the city job's vehicle, driver and ETA, and how and when the customer was told.</summary>
public sealed record CityJobDto(string Vehicle, string Driver, string DriverPhone, DateTime Eta, DateTime? CustomerToldAt, CustomerNoticeChannel? NoticeChannel);

/// <summary>ORD-06: one line of the tracking sheet (信息反馈表).</summary>
public sealed record TrackingSheetRow(
    int Id, DateOnly AcceptedOn, string Number, string CustomerName, string? Destination, TrackingClass? TrackingClass,
    DateTime? ExpectedArrival, DateTime? ActualArrival, bool? OnTime, bool? Satisfied, DateTime? CustomerInformedAt, FeedbackChannel FeedbackChannel, OrderStatus Status);

public sealed record ReconciliationRow(int CustomerId, string CustomerName, int Counted, int? Stated, int? Difference, ReconciliationState State);

public enum ReconciliationState
{
    Match,
    Mismatch,
    Unstated,
}

public sealed record ReconciliationDto(DateOnly Date, IReadOnlyList<ReconciliationRow> Rows, int Mismatches, int Unstated);

public sealed record DailyCountInput(int? CustomerId, DateOnly? Date, int? StatedCount);

/// <summary>Reads of the orders module: lists, the tracking sheet (ORD-06), the day's count check (seed 001 §2.3).</summary>
public sealed class OrderQueries(KefuDbContext db, TimeProvider clock)
{
    public static OrderDto ToDto(Order o, IReadOnlyList<OrderTrackingPoint> points) => new(
        o.Id, o.Number, o.CustomerId, o.CustomerName, o.Channel, o.ReadBackConfirmed, o.DangerousGoods, o.NoticeAttachmentId, o.JobType, o.VehicleType,
        o.RequestedArrival, o.SignOffRequirements, o.ImportantNotes, o.Settlement, o.PickupParty, o.PickupCity, o.PickupAddress, o.PickupContact, o.PickupPhone,
        o.DeliveryParty, o.DeliveryCity, o.DeliveryAddress, o.DeliveryContact, o.DeliveryPhone, o.GoodsName, o.Pieces, o.WeightKg, o.VolumeM3, o.Packaging,
        o.Purpose, o.SpecialRequirements, o.EstimatedChargeFen is { } c ? new Money(c).Yuan : null, o.DeclaredValueFen is { } d ? new Money(d).Yuan : null,
        o.FeedbackChannel, o.Distributor, o.Status, o.BreakIn, o.HandlingCentre, o.ProposedClass, o.TrackingClass, o.ExpectedArrival, o.ActualArrival, o.OnTime, o.Satisfied,
        o.CustomerInformedAt, o.LateCause, o.LateRemedy, o.ConsignorInformed, o.ConsigneeInformed, o.PodAttachmentId, o.CreatedAt, o.ConfirmedAt, o.ClosedAt,
        o.CentreId, o.OwnerId, o.Version,
        points.Select(p => new TrackingPointDto(p.Id, p.Key, p.Position, p.DueAt, p.DoneAt, p.Note)).ToArray(),
        o.EmailConfirmedAt is { } at ? new EmailConfirmationDto(o.EmailConfirmedWith ?? "", at, o.EmailConfirmationMethod ?? FeedbackChannel.Phone, o.EmailConfirmedContent ?? "", o.EmailConfirmedById) : null,
        o.LateDetectedAt, o.LateIncidentId,
        o.CityEta is { } eta ? new CityJobDto(o.CityVehicle ?? "", o.CityDriver ?? "", o.CityDriverPhone ?? "", eta, o.CityCustomerToldAt, o.CityNoticeChannel) : null);

    /// <summary>The columns the order list sorts on (page and API); newest first by default.</summary>
    public static readonly SortMap<Order> Sorts = new SortMap<Order>(q => q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id), q => q.ThenByDescending(o => o.Id))
        .Add("number", o => o.Number).Add("customer", o => o.CustomerName).Add("channel", o => o.Channel).Add("jobType", o => o.JobType)
        .Add("destination", o => o.DeliveryCity).Add("accepted", o => o.CreatedAt).Add("arrival", o => o.RequestedArrival).Add("status", o => o.Status)
        .Add("trackingClass", o => o.TrackingClass);

    /// <summary>The list's filters: status, customer, text (number, customer, destination) and the accept dates (company days, inclusive).</summary>
    public static IQueryable<Order> Filter(IQueryable<Order> query, OrderStatus? status, int? customerId, string? q, DateOnly? from, DateOnly? to)
    {
        query = status is { } s ? query.Where(o => o.Status == s) : query;
        query = customerId is { } c ? query.Where(o => o.CustomerId == c) : query;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(o => o.Number.Contains(text) || o.CustomerName.Contains(text) || (o.DeliveryCity != null && o.DeliveryCity.Contains(text)));
        }

        if (from is { } f)
        {
            var start = CompanyTime.StartUtc(f);
            query = query.Where(o => o.CreatedAt >= start);
        }

        if (to is { } t)
        {
            var end = CompanyTime.StartUtc(t.AddDays(1));
            query = query.Where(o => o.CreatedAt < end);
        }

        return query;
    }

    /// <summary>ORD-06: confirmed orders of the caller's scope as the tracking sheet lists them; onTime filters late ones (false) or on-time ones (true).</summary>
    /// <summary>The columns the tracking sheet sorts on; newest first by default.</summary>
    public static readonly SortMap<Order> SheetSorts = new SortMap<Order>(q => q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id), q => q.ThenByDescending(o => o.Id))
        .Add("accepted", o => o.CreatedAt).Add("number", o => o.Number).Add("customer", o => o.CustomerName).Add("destination", o => o.DeliveryCity)
        .Add("trackingClass", o => o.TrackingClass).Add("expected", o => o.ExpectedArrival).Add("actual", o => o.ActualArrival)
        .Add("onTime", o => o.OnTime).Add("satisfied", o => o.Satisfied).Add("informed", o => o.CustomerInformedAt);

    public IQueryable<Order> TrackingSheet(ScopeViewer viewer, DateOnly? from, DateOnly? to, bool? onTime, string? q, ListSort? sort = null)
    {
        var query = Filter(db.Set<Order>().AsNoTracking().VisibleTo(viewer), null, null, q, from, to).Where(o => o.Status != OrderStatus.Draft);
        query = onTime is { } on ? query.Where(o => o.OnTime == on) : query;
        return SheetSorts.Apply(query, sort);
    }

    public static TrackingSheetRow ToSheetRow(Order o) => new(
        o.Id, DateOnly.FromDateTime(CompanyTime.ToLocal(o.CreatedAt)), o.Number, o.CustomerName, o.DeliveryCity, o.TrackingClass,
        o.ExpectedArrival, o.ActualArrival, o.OnTime, o.Satisfied, o.CustomerInformedAt, o.FeedbackChannel, o.Status);

    /// <summary>
    /// Daily count (seed 001 §2.3 防止漏单; no catalogue ID): the day's orders of the caller's scope per customer, against the
    /// count each customer stated; mismatches and customers not asked yet stand out.
    /// </summary>
    public async Task<ReconciliationDto> ReconcileAsync(ScopeViewer viewer, DateOnly day, CancellationToken ct)
    {
        var start = CompanyTime.StartUtc(day);
        var end = CompanyTime.StartUtc(day.AddDays(1));
        var orders = await db.Set<Order>().AsNoTracking().VisibleTo(viewer).Where(o => o.CreatedAt >= start && o.CreatedAt < end)
            .Select(o => new { o.CustomerId, o.CustomerName }).ToListAsync(ct);
        var counts = await db.Set<DailyOrderCount>().AsNoTracking().VisibleTo(viewer).Where(c => c.Day == day).ToListAsync(ct);
        var stated = counts.ToDictionary(c => OrderUseCases.Key(c.CustomerId), c => c.StatedCount, StringComparer.Ordinal);
        var daily = orders.Select(o => new DailyOrder(OrderUseCases.Key(o.CustomerId), day)).ToArray();
        var mismatches = DailyReconciliation.Mismatches(day, daily, stated).ToDictionary(m => m.CustomerId, StringComparer.Ordinal);
        var unstated = DailyReconciliation.Unstated(day, daily, stated).ToHashSet(StringComparer.Ordinal);

        var customerIds = orders.Select(o => o.CustomerId).Concat(counts.Select(c => c.CustomerId)).Distinct().ToArray();
        var names = await db.Set<Customer>().AsNoTracking().IgnoreQueryFilters().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = customerIds.Select(id =>
        {
            var key = OrderUseCases.Key(id);
            var counted = orders.Count(o => o.CustomerId == id);
            int? statedCount = stated.TryGetValue(key, out var s) ? s : null;
            var state = unstated.Contains(key) ? ReconciliationState.Unstated : mismatches.ContainsKey(key) ? ReconciliationState.Mismatch : ReconciliationState.Match;
            return new ReconciliationRow(id, names.GetValueOrDefault(id, ""), counted, statedCount, statedCount is { } x ? counted - x : null, state);
        }).OrderByDescending(r => r.State == ReconciliationState.Mismatch).ThenByDescending(r => r.State == ReconciliationState.Unstated).ThenBy(r => r.CustomerName, StringComparer.Ordinal).ToArray();
        return new ReconciliationDto(day, rows, mismatches.Count, unstated.Count);
    }

    /// <summary>Daily count (seed 001 §2.3): the agent records the count the customer confirmed for a day (replacing an earlier one).</summary>
    public async Task<ProblemBuilder> StateCountAsync(ScopeViewer viewer, string userId, DailyCountInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var customer = input.CustomerId is { } cid ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Orders.UnknownCustomer");
        }

        if (input.Date is not { } day)
        {
            problems.Add("date", "Validation.Required", Kefu.Web.Platform.Localization.Text.Get("Orders.Date"));
        }
        else if (day > CompanyTime.Today(clock))
        {
            problems.Add("date", "Validation.NotInFuture");
        }

        if (input.StatedCount is not (>= 0 and <= 100_000))
        {
            problems.Add("statedCount", "Policy.OutOfRange", 0, 100_000);
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var row = await db.Set<DailyOrderCount>().SingleOrDefaultAsync(c => c.CustomerId == customer!.Id && c.Day == input.Date!.Value, ct);
        if (row is null)
        {
            row = new DailyOrderCount { CustomerId = customer!.Id, Day = input.Date!.Value, OwnerId = userId, OrgPath = customer.OrgPath };
            db.Add(row);
        }

        row.StatedCount = input.StatedCount!.Value;
        row.OwnerId = userId;
        row.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>Open customers (CUS-08) of the caller's scope matching what was typed (number or name), for the order form's lookup (ORD-04).</summary>
    public async Task<IReadOnlyList<(int Id, string Number, string Name)>> LookUpCustomersAsync(ScopeViewer viewer, string? q, CancellationToken ct)
    {
        var query = db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Where(c => c.AccountStatus == Kefu.Core.Customers.AccountStatus.Open);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => c.Name.Contains(text) || c.Number.Contains(text) || (c.Phone != null && c.Phone.Contains(text)));
        }

        return (await query.OrderBy(c => c.Number).Take(20).Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Number, c.Name)).ToArray();
    }
}
