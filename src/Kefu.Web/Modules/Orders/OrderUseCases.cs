using System.Globalization;
using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Orders;

/// <summary>The work order form (ORD-04) as the API and the page send it. Amounts in yuan; times with their offset.</summary>
public sealed record OrderInput(
    int? CustomerId, IntakeChannel? Channel, bool? ReadBackConfirmed, DangerousGoodsAnswer? DangerousGoods, JobType? JobType,
    string? VehicleType, DateTimeOffset? RequestedArrival, string? SignOffRequirements, string? ImportantNotes, SettlementMode? Settlement,
    string? PickupParty, string? PickupCity, string? PickupAddress, string? PickupContact, string? PickupPhone,
    string? DeliveryParty, string? DeliveryCity, string? DeliveryAddress, string? DeliveryContact, string? DeliveryPhone,
    string? GoodsName, int? Pieces, decimal? WeightKg, decimal? VolumeM3, string? Packaging, GoodsPurpose? Purpose, bool? SpecialRequirements,
    decimal? EstimatedCharge, decimal? DeclaredValue, FeedbackChannel? FeedbackChannel, int? Version, bool? Distributor = null);

public sealed record ConfirmInput(TrackingClass? TrackingClass);

public sealed record TrackingClassInput(TrackingClass? TrackingClass);

public sealed record PointDoneInput(string? Note);

public sealed record ArrivalInput(DateTimeOffset? ActualArrival, bool? Satisfied);

public sealed record InformInput(FeedbackChannel? Channel);

public sealed record LateInput(string? Cause, string? Remedy, bool? ConsignorInformed, bool? ConsigneeInformed);

public sealed record RefusalDto(string Rule, string Field, string Message);

public sealed record ProposalDto(TrackingClass Class, IReadOnlyList<string> Reasons);

/// <summary>What the review step shows before confirming (ORD-04): the gates still closed, the proposed class, who will print it.</summary>
public sealed record OrderReviewDto(IReadOnlyList<RefusalDto> Refusals, ProposalDto Proposal, HandlingCentre Centre, bool BreakIn, bool IntroducedByMarketing, bool HandoverApproved);

public abstract record OrderResult
{
    public sealed record Ok(int Id) : OrderResult;
    public sealed record Invalid(ProblemBuilder Problems) : OrderResult;
    public sealed record NotFound : OrderResult;
    public sealed record Conflict : OrderResult;
}

/// <summary>
/// ORD-01..07 over the rules of <c>Kefu.Core.Orders</c>: intake with read-back, the confirmation gates
/// (dangerous-goods notice, marketing handover), break-in routing to the CS director, routing to the
/// dispatch or freight centre, tracking by class, arrival, late delivery and closing with the POD.
/// </summary>
public sealed class OrderUseCases(
    KefuDbContext db, PolicyStore policies, AttachmentStore attachments, Notifier notifier, NumberSequences sequences, TimeProvider clock, OrderTrackingTimers timers)
{
    /// <summary>Work orders are numbered in one company-wide sequence: WO000001, WO000002…</summary>
    public const string NumberSequence = "Order";

    public static string FormatNumber(long number) => $"WO{number:D6}";

    public const string RecordType = "Order";
    public const string NoticeKind = "DangerousGoodsNotice";
    public const string PodKind = "SignedPod";

    public async Task<OrderPolicy> PolicyAsync(CancellationToken ct) => await policies.GetAsync<OrderPolicy>(OrderPolicy.Key, ct);

    /// <summary>The orders this viewer may see (ORG-03).</summary>
    public IQueryable<Order> Visible(ScopeViewer viewer) => db.Set<Order>().VisibleTo(viewer);

    public async Task<OrderResult> CreateAsync(ScopeViewer viewer, string userId, OrderInput input, CancellationToken ct)
    {
        var problems = Validate(input);
        var customer = input.CustomerId is { } cid ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null && input.CustomerId is not null)
        {
            problems.Add("customerId", "Orders.UnknownCustomer");
        }

        // CUS-08: a closed account takes no new orders until it is reopened.
        if (customer is not null && Kefu.Core.Customers.AccountLifecycle.RefusalOfNewBusiness(customer.AccountStatus) is { } closed)
        {
            CustomerUseCases.AddRefusal(problems, closed, "customerId");
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = new Order
        {
            Number = "", CustomerId = customer!.Id, CustomerName = customer.Name, OwnerId = userId,
            CentreId = customer.CentreId, OrgPath = customer.OrgPath, CreatedAt = now, Status = OrderStatus.Draft,
        };
        Apply(order, input);

        // ORD-03: during a new-business customer's break-in period the CS director takes the order in person.
        var policy = await PolicyAsync(ct);
        if (await IntroducedByMarketingAsync(customer.Id, ct))
        {
            var first = await db.Set<Order>().Where(o => o.CustomerId == customer.Id).MinAsync(o => (DateTime?)o.CreatedAt, ct);
            var today = DateOnly.FromDateTime(CompanyTime.ToLocal(now));
            var firstDay = first is { } f ? DateOnly.FromDateTime(CompanyTime.ToLocal(f)) : today;
            order.BreakIn = OrderConfirmation.CsDirectorHandlesBreakIn(true, firstDay, today, policy);
        }

        string? director = null;
        if (order.BreakIn)
        {
            director = await HoldersOfAsync(Role.CsDirector, ct) is [var d, ..] ? d : null;
            order.OwnerId = director ?? userId;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.Number = FormatNumber(await sequences.NextAsync(NumberSequence, NumberSequences.CompanyWide, ct));
        db.Add(order);
        await db.SaveChangesAsync(ct); // the id, for the link below
        if (director is not null && director != userId)
        {
            await notifier.EnqueueAsync(new NotificationRequest("OrderBreakIn", [director], [order.Number, order.CustomerName], $"/orders/{order.Id}", RecordType, Key(order.Id)), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    public async Task<OrderResult> UpdateAsync(ScopeViewer viewer, int id, OrderInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (order.Status != OrderStatus.Draft || (input.Version is { } version && version != order.Version))
        {
            return new OrderResult.Conflict();
        }

        var problems = Validate(input);
        if (input.CustomerId is { } cid && cid != order.CustomerId)
        {
            problems.Add("customerId", "Orders.CustomerFixed");
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        Apply(order, input);
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-04's review: every gate still closed, the ORD-05 proposal and the ORD-04 route, without changing anything.</summary>
    public async Task<OrderReviewDto?> ReviewAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var order = await Visible(viewer).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        var policy = await PolicyAsync(ct);
        var (facts, introduced, approved) = await FactsAsync(order, ct);
        var refusals = OrderConfirmation.RefusalsToConfirm(facts, policy).Select(ToDto).ToArray();
        var proposal = ShipmentTracking.ProposeClass(await TrackingFactsAsync(order, ct), policy);
        return new OrderReviewDto(refusals, new ProposalDto(proposal.Class, proposal.Reasons.Select(r => r.ToString()).ToArray()),
            OrderConfirmation.RouteConfirmedOrder(order.JobType, order.PickupCity, order.DeliveryCity), order.BreakIn, introduced, approved);
    }

    /// <summary>
    /// ORD-01..04: confirms a reviewed draft when no gate refuses it, routes it to the dispatch or
    /// freight centre and tells that centre's staff to print it; ORD-05: sets the class (the
    /// proposal unless the agent chose another) and lays out its tracking points.
    /// </summary>
    public async Task<OrderResult> ConfirmAsync(ScopeViewer viewer, string userId, IReadOnlyCollection<Role> roles, int id, ConfirmInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (order.Status != OrderStatus.Draft)
        {
            return new OrderResult.Conflict();
        }

        var policy = await PolicyAsync(ct);
        var problems = new ProblemBuilder();
        var (facts, _, _) = await FactsAsync(order, ct);
        foreach (var refusal in OrderConfirmation.RefusalsToConfirm(facts, policy))
        {
            problems.Add(FieldOf(refusal), "Orders.Refusal." + refusal);
        }

        if (order.BreakIn && !roles.Contains(Role.CsDirector))
        {
            problems.Add("owner", "Orders.BreakInDirectorOnly");
        }

        // CUS-08: a draft taken before the account was closed is not confirmed while it stays closed.
        var status = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == order.CustomerId).Select(c => (Kefu.Core.Customers.AccountStatus?)c.AccountStatus).SingleOrDefaultAsync(ct);
        if (status is { } s && Kefu.Core.Customers.AccountLifecycle.RefusalOfNewBusiness(s) is { } closed)
        {
            CustomerUseCases.AddRefusal(problems, closed, "customerId");
        }

        if (input.TrackingClass is { } chosen && !Enum.IsDefined(chosen))
        {
            problems.Add("trackingClass", "Validation.UnknownStatus");
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = ShipmentTracking.ProposeClass(await TrackingFactsAsync(order, ct), policy);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.Status = OrderStatus.Confirmed;
        order.ConfirmedAt = now;
        order.ConfirmedById = userId;
        order.HandlingCentre = OrderConfirmation.RouteConfirmedOrder(order.JobType, order.PickupCity, order.DeliveryCity);
        order.ProposedClass = proposal.Class;
        order.TrackingClass = input.TrackingClass ?? proposal.Class;
        order.ExpectedArrival = order.RequestedArrival;
        LayOutPoints(order, [], policy);
        await db.SaveChangesAsync(ct); // the points' ids, for their timers (ORD-05)
        await timers.StartAsync(order, db.ChangeTracker.Entries<OrderTrackingPoint>().Select(e => e.Entity).Where(p => p.OrderId == order.Id).ToList(), policy, ct);

        var centreStaff = await CentreStaffAsync(order.HandlingCentre.Value, ct);
        await notifier.EnqueueAsync(new NotificationRequest(
            "OrderToPrint", centreStaff, [order.Number, order.CustomerName, order.DeliveryCity ?? ""], $"/orders/{order.Id}/print", RecordType, Key(order.Id)), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-05: the agent changes the class; open points are replaced by the new class's, ticked ones stay.</summary>
    public async Task<OrderResult> ChangeClassAsync(ScopeViewer viewer, int id, TrackingClassInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (input.TrackingClass is not { } chosen || !Enum.IsDefined(chosen))
        {
            return new OrderResult.Invalid(new ProblemBuilder().Add("trackingClass", "Validation.UnknownStatus"));
        }

        if (order.Status is not (OrderStatus.Confirmed or OrderStatus.InTransit))
        {
            return new OrderResult.Conflict();
        }

        var points = await db.Set<OrderTrackingPoint>().Where(p => p.OrderId == id).ToListAsync(ct);
        var policy = await PolicyAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await timers.StopOpenAsync(id, ct);
        db.RemoveRange(points.Where(p => p.DoneAt is null));
        order.TrackingClass = chosen;
        LayOutPoints(order, points.Where(p => p.DoneAt is not null).ToList(), policy);
        await db.SaveChangesAsync(ct);
        await timers.StartAsync(order, db.ChangeTracker.Entries<OrderTrackingPoint>().Select(e => e.Entity)
            .Where(p => p.OrderId == id && p.DoneAt is null && db.Entry(p).State != EntityState.Deleted && db.Entry(p).State != EntityState.Detached).ToList(), policy, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    public async Task<OrderResult> CompletePointAsync(ScopeViewer viewer, string userId, int id, int pointId, PointDoneInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        var point = order is null ? null : await db.Set<OrderTrackingPoint>().SingleOrDefaultAsync(p => p.Id == pointId && p.OrderId == id, ct);
        if (order is null || point is null)
        {
            return new OrderResult.NotFound();
        }

        if (order.Status is OrderStatus.Draft or OrderStatus.Closed || point.DoneAt is not null)
        {
            return new OrderResult.Conflict();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        point.DoneAt = clock.GetUtcNow().UtcDateTime;
        point.DoneById = userId;
        point.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await timers.StopAsync(point.Id, ct);
        if (order.Status == OrderStatus.Confirmed)
        {
            order.Status = OrderStatus.InTransit;
        }

        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-06: the actual arrival, on time or not by the policy, and whether the consignee was satisfied.</summary>
    public async Task<OrderResult> RecordArrivalAsync(ScopeViewer viewer, string userId, int id, ArrivalInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (input.ActualArrival is not { } arrival)
        {
            return new OrderResult.Invalid(new ProblemBuilder().Add("actualArrival", "Validation.Required", Kefu.Web.Platform.Localization.Text.Get("Orders.ActualArrival")));
        }

        if (arrival > clock.GetUtcNow().AddMinutes(5))
        {
            return new OrderResult.Invalid(new ProblemBuilder().Add("actualArrival", "Validation.NotInFuture"));
        }

        if (order.Status is not (OrderStatus.Confirmed or OrderStatus.InTransit or OrderStatus.Delivered))
        {
            return new OrderResult.Conflict();
        }

        order.ActualArrival = arrival.UtcDateTime;
        order.OnTime = order.ExpectedArrival is { } expected
            ? ShipmentTracking.CheckArrival(new DateTimeOffset(expected, TimeSpan.Zero), arrival, await PolicyAsync(ct)).OnTime
            : null;
        order.Satisfied = input.Satisfied ?? order.Satisfied;
        order.Status = OrderStatus.Delivered;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var point in await db.Set<OrderTrackingPoint>().Where(p => p.OrderId == id && p.Key == "delivered" && p.DoneAt == null).ToListAsync(ct))
        {
            point.DoneAt = now;
            point.DoneById = userId;
            await timers.StopAsync(point.Id, ct);
        }

        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-06: the customer was told (through their chosen channel, or the one given).</summary>
    public async Task<OrderResult> InformAsync(ScopeViewer viewer, int id, InformInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (input.Channel is { } channel && !Enum.IsDefined(channel))
        {
            return new OrderResult.Invalid(new ProblemBuilder().Add("channel", "Validation.UnknownStatus"));
        }

        if (order.Status == OrderStatus.Draft)
        {
            return new OrderResult.Conflict();
        }

        order.FeedbackChannel = input.Channel ?? order.FeedbackChannel;
        order.CustomerInformedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-07: the late-delivery case: cause, remedy, who was told.</summary>
    public async Task<OrderResult> RecordLateAsync(ScopeViewer viewer, int id, LateInput input, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("cause", input.Cause, 1000).MaxLength("remedy", input.Remedy, 1000);
        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        if (order.Status is OrderStatus.Draft or OrderStatus.Closed)
        {
            return new OrderResult.Conflict();
        }

        order.LateCause = Trim(input.Cause) ?? order.LateCause;
        order.LateRemedy = Trim(input.Remedy) ?? order.LateRemedy;
        order.ConsignorInformed = input.ConsignorInformed ?? order.ConsignorInformed;
        order.ConsigneeInformed = input.ConsigneeInformed ?? order.ConsigneeInformed;
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>
    /// ORD-07: a delivered order closes once its signed POD (签收原件) is back, whether late or not (policy
    /// <see cref="OrderPolicy.SignedPodOnEveryOrder"/>); a late one only when cause, remedy and both parties told are there too.
    /// Closing stops the timers of the tracking points still open.
    /// </summary>
    public async Task<OrderResult> CloseAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        if (order.Status != OrderStatus.Delivered)
        {
            return new OrderResult.Conflict();
        }

        var problems = new ProblemBuilder();
        foreach (var refusal in LateDelivery.RefusalsToCloseOrder(order.OnTime, new LateDeliveryFacts(
            order.LateCause, order.LateRemedy, order.ConsignorInformed, order.ConsigneeInformed, order.PodAttachmentId is not null), await PolicyAsync(ct)))
        {
            problems.Add(FieldOf(refusal), (order.OnTime == false ? "Orders.LateRefusal." : "Orders.CloseRefusal.") + refusal);
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        await timers.StopOpenAsync(order.Id, ct);
        order.Status = OrderStatus.Closed;
        order.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>PLT-02 for orders: the signed dangerous-goods notice (ORD-02, while a draft) or the signed POD (ORD-07, once confirmed).</summary>
    public async Task<(Attachment? Saved, ProblemBuilder Problems, OrderResult? Refused)> AttachAsync(
        ScopeViewer viewer, string userId, int id, string? kind, IFormFile? file, CancellationToken ct)
    {
        var order = await Visible(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return (null, new ProblemBuilder(), new OrderResult.NotFound());
        }

        if (kind is not (NoticeKind or PodKind))
        {
            return (null, new ProblemBuilder().Add("kind", "Orders.BadAttachmentKind"), null);
        }

        if ((kind == NoticeKind && order.Status != OrderStatus.Draft) || (kind == PodKind && order.Status is OrderStatus.Draft or OrderStatus.Closed))
        {
            return (null, new ProblemBuilder(), new OrderResult.Conflict());
        }

        var (saved, problems) = await attachments.SaveAsync(RecordType, Key(id), kind, file, userId, ct);
        if (saved is null)
        {
            return (null, problems, null);
        }

        await db.SaveChangesAsync(ct);
        if (kind == NoticeKind)
        {
            order.NoticeAttachmentId = saved.Id;
        }
        else
        {
            order.PodAttachmentId = saved.Id;
        }

        await db.SaveChangesAsync(ct);
        return (saved, problems, null);
    }

    /// <summary>
    /// An order this person may read: in their scope (ORG-03), or — once confirmed — routed to the
    /// centre they work in, so the dispatch or freight centre can print it (ORD-04).
    /// </summary>
    public async Task<Order?> ReadableAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        if (viewer.CanSee(order.OwnerId, order.OrgPath))
        {
            return order;
        }

        if (order.HandlingCentre is not { } centre)
        {
            return null;
        }

        var function = FunctionOf(centre);
        var unitId = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => u.OrgUnitId).SingleAsync(ct);
        return await db.OrgUnits.AsNoTracking().AnyAsync(u => u.Id == unitId && u.Function == function, ct) ? order : null;
    }

    public async Task<IReadOnlyList<OrderTrackingPoint>> PointsAsync(int id, CancellationToken ct) =>
        await db.Set<OrderTrackingPoint>().AsNoTracking().Where(p => p.OrderId == id).OrderBy(p => p.Position).ToListAsync(ct);

    /// <summary>ORD-03: the customer came through marketing (a handover form exists for it).</summary>
    public Task<bool> IntroducedByMarketingAsync(int customerId, CancellationToken ct) =>
        db.Set<CustomerHandover>().AnyAsync(h => h.CustomerId == customerId, ct);

    internal async Task<(OrderFacts Facts, bool Introduced, bool Approved)> FactsAsync(Order order, CancellationToken ct)
    {
        var introduced = await IntroducedByMarketingAsync(order.CustomerId, ct);
        var approved = introduced && await db.Set<CustomerHandover>().AnyAsync(h => h.CustomerId == order.CustomerId && h.Status == HandoverStatus.Approved, ct);
        var special = introduced && !approved && await db.Set<CustomerHandover>()
            .AnyAsync(h => h.CustomerId == order.CustomerId && h.SpecialProcedureAt != null && h.Status != HandoverStatus.Rejected, ct);
        return (new OrderFacts(order.Channel, order.ReadBackConfirmed, order.DangerousGoods, order.NoticeAttachmentId is not null, introduced, approved,
            order.JobType, special, order.PickupCity, order.DeliveryCity, order.EmailConfirmedAt is not null), introduced, approved);
    }

    private async Task<TrackingFacts> TrackingFactsAsync(Order order, CancellationToken ct)
    {
        var earlier = await db.Set<Order>().AnyAsync(o => o.CustomerId == order.CustomerId && o.Id != order.Id && o.ConfirmedAt != null, ct);
        return new TrackingFacts(
            new DateTimeOffset(order.CreatedAt, TimeSpan.Zero), order.RequestedArrival is { } r ? new DateTimeOffset(r, TimeSpan.Zero) : null,
            !earlier, new Money(order.DeclaredValueFen ?? 0), order.SpecialRequirements, order.Purpose);
    }

    private void LayOutPoints(Order order, List<OrderTrackingPoint> kept, OrderPolicy policy)
    {
        var expected = order.ExpectedArrival is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : (DateTimeOffset?)null;
        var list = ShipmentTracking.Checklist(order.TrackingClass!.Value, new DateTimeOffset(order.CreatedAt, TimeSpan.Zero), expected, policy);
        var position = 0;
        foreach (var point in list)
        {
            if (kept.FirstOrDefault(k => k.Key == point.Key) is { } done)
            {
                done.Position = position++;
                continue;
            }

            db.Add(new OrderTrackingPoint { OrderId = order.Id, Key = point.Key, Position = position++, DueAt = point.DueAt?.UtcDateTime });
        }
    }

    private async Task<string[]> HoldersOfAsync(Role role, CancellationToken ct)
    {
        var name = KefuRoles.Name(role);
        return await (from u in db.Users.AsNoTracking()
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == name && u.Status == StaffStatus.Active
                      orderby u.EmployeeNumber
                      select u.Id).ToArrayAsync(ct);
    }

    /// <summary>ORD-04: the active staff of the org units that are the dispatch (or freight) centre.</summary>
    private async Task<string[]> CentreStaffAsync(HandlingCentre centre, CancellationToken ct)
    {
        var function = FunctionOf(centre);
        return await (from u in db.Users.AsNoTracking()
                      join unit in db.OrgUnits on u.OrgUnitId equals unit.Id
                      where unit.Function == function && unit.IsActive && u.Status == StaffStatus.Active
                      select u.Id).ToArrayAsync(ct);
    }

    internal static DepartmentFunction FunctionOf(HandlingCentre centre) => centre switch
    {
        HandlingCentre.DispatchCentre => DepartmentFunction.Dispatch,
        HandlingCentre.FreightCentre => DepartmentFunction.FreightCentre,
    };

    internal static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    internal static RefusalDto ToDto(ConfirmationRefusal refusal) =>
        new(OrderConfirmation.RuleIdOf(refusal), FieldOf(refusal), Kefu.Web.Platform.Localization.Text.Get("Orders.Refusal." + refusal));

    /// <summary>The form field a confirmation refusal points at.</summary>
    internal static string FieldOf(ConfirmationRefusal refusal) => refusal switch
    {
        ConfirmationRefusal.PhoneReadBackMissing => "readBackConfirmed",
        ConfirmationRefusal.DangerousGoodsNotAnswered => "dangerousGoods",
        ConfirmationRefusal.DangerousGoodsNoticeMissing => "dangerousGoodsNotice",
        ConfirmationRefusal.HandoverNotApproved => "handover",
        ConfirmationRefusal.SameCityJobBetweenCities => "deliveryCity",
        ConfirmationRefusal.EmailNotConfirmedWithCustomer => "emailConfirmation",
    };

    internal static string FieldOf(LateCaseRefusal refusal) => refusal switch
    {
        LateCaseRefusal.CauseMissing => "cause",
        LateCaseRefusal.RemedyMissing => "remedy",
        LateCaseRefusal.ConsignorNotInformed => "consignorInformed",
        LateCaseRefusal.ConsigneeNotInformed => "consigneeInformed",
        LateCaseRefusal.SignedPodMissing => "pod",
    };

    private static string? Trim(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    internal static ProblemBuilder Validate(OrderInput input)
    {
        var problems = new ProblemBuilder();
        if (input.CustomerId is null)
        {
            problems.Add("customerId", "Orders.UnknownCustomer");
        }

        if (input.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            problems.Add("channel", "Orders.ChannelRequired");
        }
        else
        {
            // ORD-01: a phone order is read back before it is saved.
            foreach (var refusal in OrderConfirmation.RefusalsToSave(channel, input.ReadBackConfirmed == true))
            {
                problems.Add(FieldOf(refusal), "Orders.Refusal." + refusal);
            }
        }

        if (input.JobType is not { } job || !Enum.IsDefined(job))
        {
            problems.Add("jobType", "Orders.JobTypeRequired");
        }

        if (input.DangerousGoods is { } dg && !Enum.IsDefined(dg))
        {
            problems.Add("dangerousGoods", "Validation.UnknownStatus");
        }

        if (input.Settlement is { } s && !Enum.IsDefined(s))
        {
            problems.Add("settlement", "Validation.UnknownStatus");
        }

        if (input.Purpose is { } p && !Enum.IsDefined(p))
        {
            problems.Add("purpose", "Validation.UnknownStatus");
        }

        if (input.FeedbackChannel is { } f && !Enum.IsDefined(f))
        {
            problems.Add("feedbackChannel", "Validation.UnknownStatus");
        }

        problems.MaxLength("vehicleType", input.VehicleType, 50).MaxLength("signOffRequirements", input.SignOffRequirements, 500)
            .MaxLength("importantNotes", input.ImportantNotes, 1000)
            .MaxLength("pickupParty", input.PickupParty, 200).MaxLength("pickupCity", input.PickupCity, 100).MaxLength("pickupAddress", input.PickupAddress, 300)
            .MaxLength("pickupContact", input.PickupContact, 100).MaxLength("pickupPhone", input.PickupPhone, 40).Phone("pickupPhone", input.PickupPhone)
            .MaxLength("deliveryParty", input.DeliveryParty, 200).MaxLength("deliveryCity", input.DeliveryCity, 100).MaxLength("deliveryAddress", input.DeliveryAddress, 300)
            .MaxLength("deliveryContact", input.DeliveryContact, 100).MaxLength("deliveryPhone", input.DeliveryPhone, 40).Phone("deliveryPhone", input.DeliveryPhone)
            .MaxLength("goodsName", input.GoodsName, 200).MaxLength("packaging", input.Packaging, 200);
        if (input.Pieces is < 0 or > 1_000_000)
        {
            problems.Add("pieces", "Policy.OutOfRange", 0, 1_000_000);
        }

        if (input.WeightKg is < 0 or > 10_000_000m)
        {
            problems.Add("weightKg", "Policy.OutOfRange", 0, 10_000_000);
        }

        if (input.VolumeM3 is < 0 or > 1_000_000m)
        {
            problems.Add("volumeM3", "Policy.OutOfRange", 0, 1_000_000);
        }

        foreach (var (field, amount) in new[] { ("estimatedCharge", input.EstimatedCharge), ("declaredValue", input.DeclaredValue) })
        {
            if (amount is { } a && (a < 0 || a > 1_000_000_000m || decimal.Round(a, 2) != a))
            {
                problems.Add(field, "Orders.BadAmount");
            }
        }

        return problems;
    }

    internal static void Apply(Order o, OrderInput i)
    {
        o.Channel = i.Channel!.Value;
        o.ReadBackConfirmed = i.ReadBackConfirmed == true;
        o.DangerousGoods = i.DangerousGoods ?? DangerousGoodsAnswer.NotAnswered;
        o.JobType = i.JobType!.Value;
        o.VehicleType = Trim(i.VehicleType);
        o.RequestedArrival = i.RequestedArrival?.UtcDateTime;
        o.SignOffRequirements = Trim(i.SignOffRequirements);
        o.ImportantNotes = Trim(i.ImportantNotes);
        o.Settlement = i.Settlement ?? o.Settlement;
        o.PickupParty = Trim(i.PickupParty);
        o.PickupCity = Trim(i.PickupCity);
        o.PickupAddress = Trim(i.PickupAddress);
        o.PickupContact = Trim(i.PickupContact);
        o.PickupPhone = Trim(i.PickupPhone);
        o.DeliveryParty = Trim(i.DeliveryParty);
        o.DeliveryCity = Trim(i.DeliveryCity);
        o.DeliveryAddress = Trim(i.DeliveryAddress);
        o.DeliveryContact = Trim(i.DeliveryContact);
        o.DeliveryPhone = Trim(i.DeliveryPhone);
        o.GoodsName = Trim(i.GoodsName);
        o.Pieces = i.Pieces;
        o.WeightKg = i.WeightKg;
        o.VolumeM3 = i.VolumeM3;
        o.Packaging = Trim(i.Packaging);
        o.Purpose = i.Purpose ?? GoodsPurpose.General;
        o.SpecialRequirements = i.SpecialRequirements == true;
        o.EstimatedChargeFen = i.EstimatedCharge is { } c ? Money.FromYuan(c).Fen : null;
        o.DeclaredValueFen = i.DeclaredValue is { } d ? Money.FromYuan(d).Fen : null;
        o.FeedbackChannel = i.FeedbackChannel ?? o.FeedbackChannel;
        o.Distributor = i.Distributor ?? o.Distributor;
    }
}
