using System.Globalization;
using Kefu.Core.Incidents;
using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Kefu.Web.Modules.Orders;

/// <summary>
/// ORD-05 (seed 001 ch. 2): every tracking point of a confirmed order is an SLA timer (SLA-01/02) that
/// warns the order's owner and, at its due time, escalates to the policy's roles. Changes join the
/// caller's unit of work; the points must have their ids (saved) first.
/// </summary>
public sealed class OrderTrackingTimers(KefuDbContext db, SlaService sla, TimeProvider clock)
{
    public const string PointRecordType = "OrderTrackingPoint";
    public const string CheckpointRule = "ORD-05";

    public async Task StartAsync(Order order, IEnumerable<OrderTrackingPoint> points, OrderPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var escalation = TrackingAlerts.CheckpointEscalation(policy);
        foreach (var point in points.Where(p => p.DoneAt is null && p.DueAt is not null))
        {
            var due = new DateTimeOffset(DateTime.SpecifyKind(point.DueAt!.Value, DateTimeKind.Utc));
            await sla.StartAsync(new StartTimer(PointRecordType, Key(point.Id), CheckpointRule,
                LocalText.Of("SlaName.OrderPoint", order.Number, LocalText.Of("Checkpoint." + point.Key)).Store(200),
                TrackingAlerts.CheckpointTarget(now, due), order.OwnerId, order.OrgPath, escalation, policy.CheckpointWarningPercent,
                StartAt: now, Link: $"/orders/{order.Id}"), ct);
        }
    }

    /// <summary>The point is done (or gone): its timer stops; done after its due time it counts as a breach (SLA-04).</summary>
    public Task StopAsync(int pointId, CancellationToken ct) => sla.StopAsync(PointRecordType, Key(pointId), CheckpointRule, ct);

    /// <summary>Stops the timers of every open point of the order (it closed, or its class changed).</summary>
    public async Task StopOpenAsync(int orderId, CancellationToken ct)
    {
        foreach (var id in await db.Set<OrderTrackingPoint>().Where(p => p.OrderId == orderId && p.DoneAt == null).Select(p => p.Id).ToListAsync(ct))
        {
            await StopAsync(id, ct);
        }
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// ORD-07 (seed 001 §5): a shipment not delivered by its expected arrival (plus tolerance and grace) is
/// detected as late: the freight centre and the order's owner are told, and a delay incident is opened
/// through the incidents module's own use case (EXC-01/03, source: found in tracking). When the incident
/// cannot be opened yet (EXC-04 outside working time wants the leader's phone call first, the owner not on
/// duty), the detection stays and the incident is tried again on the next run.
/// </summary>
public sealed class LateArrivalDetector(KefuDbContext db, PolicyStore policies, Notifier notifier, IncidentUseCases incidents, TimeProvider clock, ILogger<LateArrivalDetector> logger)
{
    public const int BatchSize = 100;

    public async Task<(int Detected, int IncidentsOpened)> RunAsync(CancellationToken ct)
    {
        var policy = await policies.GetAsync<OrderPolicy>(OrderPolicy.Key, ct);
        var now = clock.GetUtcNow();
        var cutoff = (now - policy.OnTimeTolerance - policy.LateArrivalGrace).UtcDateTime;
        var late = await db.Set<Order>().AsNoTracking()
            .Where(o => o.LateDetectedAt == null && o.ActualArrival == null && o.ExpectedArrival != null && o.ExpectedArrival < cutoff
                && (o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.InTransit))
            .OrderBy(o => o.ExpectedArrival).Select(o => o.Id).Take(BatchSize).ToListAsync(ct);
        var detected = 0;
        foreach (var id in late)
        {
            detected += await DetectAsync(id, policy, now, ct) ? 1 : 0;
        }

        var pending = await db.Set<Order>().AsNoTracking()
            .Where(o => o.LateDetectedAt != null && o.LateIncidentId == null && o.Status != OrderStatus.Closed)
            .OrderBy(o => o.LateDetectedAt).Select(o => o.Id).Take(BatchSize).ToListAsync(ct);
        var opened = 0;
        foreach (var id in pending)
        {
            opened += await OpenIncidentAsync(id, now, ct) ? 1 : 0;
        }

        return (detected, opened);
    }

    /// <summary>Claims the order with its concurrency token (one node detects it once) and tells the freight centre and the owner.</summary>
    private async Task<bool> DetectAsync(int id, OrderPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var order = await db.Set<Order>().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || order.LateDetectedAt is not null
            || !TrackingAlerts.IsLateArrival(Utc(order.ExpectedArrival), Utc(order.ActualArrival), now, policy))
        {
            return false;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.LateDetectedAt = now.UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }

        var freight = await (from u in db.Users.AsNoTracking()
                             join unit in db.OrgUnits on u.OrgUnitId equals unit.Id
                             where unit.Function == DepartmentFunction.FreightCentre && unit.IsActive && u.Status == StaffStatus.Active
                             select u.Id).ToListAsync(ct);
        await notifier.EnqueueAsync(new NotificationRequest("OrderLateArrival", [.. freight, order.OwnerId],
            [order.Number, order.CustomerName, order.DeliveryCity ?? "", Platform.CompanyTime.Format(order.ExpectedArrival)],
            $"/orders/{order.Id}", OrderUseCases.RecordType, OrderUseCases.Key(order.Id)), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<bool> OpenIncidentAsync(int id, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id, ct);
        // The owner records it, as CS does when tracking finds a delay (EXC-03); the system acts for them with company scope.
        var viewer = new ScopeViewer(order.OwnerId, DataScope.Company, order.OrgPath, "/");
        var summary = LocalText.Of("Orders.LateIncidentSummary", order.Number, order.DeliveryCity ?? "").Render(CultureInfo.GetCultureInfo(LocalizationSetup.Chinese));
        var details = LocalText.Of("Orders.LateIncidentDetails", order.Number, order.CustomerName, Platform.CompanyTime.Format(order.ExpectedArrival))
            .Render(CultureInfo.GetCultureInfo(LocalizationSetup.Chinese));
        var result = await incidents.RecordAsync(viewer, order.OwnerId, new IncidentInput(
            IncidentType.Delay, IncidentSource.FoundInTracking, order.CustomerId, null, order.Number, Cut(summary, 200), details, now,
            null, null, null, null, SendReport: true), ct);
        if (result is not IncidentResult.Ok ok)
        {
            logger.LogInformation("Late order {Number}: the delay incident could not be opened yet ({Result})", order.Number, result.GetType().Name);
            db.ChangeTracker.Clear();
            return false;
        }

        db.ChangeTracker.Clear();
        var tracked = await db.Set<Order>().SingleAsync(o => o.Id == id, ct);
        tracked.LateIncidentId ??= ok.Incident.Id;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>ORD-07: the late-arrival detection, every minute.</summary>
public sealed class LateArrivalJob(LateArrivalDetector detector) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await detector.RunAsync(cancellationToken);
}
