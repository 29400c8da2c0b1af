using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

public sealed record FlowStepDto(string Key, string OwnerRole, DateTime? CompletedAt, string? CompletedBy, string? Note);

public sealed record FlowDto(int OrderId, IReadOnlyList<FlowStepDto> Steps, string? NextStep, bool Finished);

public sealed record FlowStepInput(string? Note);

/// <summary>
/// ORD-08: a distributor order runs through the flow of <see cref="OrderPolicy.DistributorFlow"/> (an
/// administrator may change the steps and their owners); steps complete strictly in order, each by
/// someone holding its owner role, and the owners of the next step are told.
/// </summary>
public sealed class DistributorFlowUseCases(KefuDbContext db, OrderUseCases orders, Notifier notifier, TimeProvider clock)
{
    public async Task<FlowDto?> GetAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var order = await orders.Visible(viewer).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? null : await ToDtoAsync(order, ct);
    }

    public async Task<(FlowDto? Flow, ProblemBuilder Problems, bool Conflict)> CompleteAsync(ScopeViewer viewer, string userId, int id, string stepKey, FlowStepInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        var order = await orders.Visible(viewer).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return (null, problems, false);
        }

        if (!order.Distributor || order.Status == OrderStatus.Closed)
        {
            return (await ToDtoAsync(order, ct), problems, true);
        }

        var steps = (await orders.PolicyAsync(ct)).DistributorFlow;
        var done = await db.Set<OrderFlowStep>().Where(s => s.OrderId == id).Select(s => s.StepKey).ToListAsync(ct);
        var check = DistributorOrderFlow.CheckCompletion(steps, done, stepKey, await RoleKeysAsync(userId, ct));
        if (!check.Allowed)
        {
            problems.Add("stepKey", "Orders.Flow." + check.Refusal, check.Expected is { } next ? StepName(next.Key) : "");
        }

        if (problems.HasErrors)
        {
            return (await ToDtoAsync(order, ct), problems, false);
        }

        var step = steps.Single(s => s.Key == stepKey);
        db.Add(new OrderFlowStep
        {
            OrderId = id, StepKey = step.Key, OwnerRole = step.OwnerRole, CompletedAt = clock.GetUtcNow().UtcDateTime, CompletedById = userId,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        });
        if (DistributorOrderFlow.NextStep(steps, [.. done, stepKey]) is { } following)
        {
            var owners = await HoldersAsync(following.OwnerRole, ct);
            await notifier.EnqueueAsync(new NotificationRequest(
                "OrderFlowStep", owners, [order.Number, Kefu.Web.Platform.Localization.LocalText.Of("FlowStep." + following.Key)], $"/orders/{id}", OrderUseCases.RecordType, OrderUseCases.Key(id)), ct);
        }

        await db.SaveChangesAsync(ct);
        return (await ToDtoAsync(order, ct), problems, false);
    }

    /// <summary>What the caller may own: their roles' names, and the department keys of <see cref="OrderRoleKeys"/> by the function of their unit.</summary>
    public async Task<IReadOnlyCollection<string>> RoleKeysAsync(string userId, CancellationToken ct)
    {
        var keys = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);
        var function = await (from u in db.Users join unit in db.OrgUnits on u.OrgUnitId equals unit.Id where u.Id == userId select unit.Function).SingleOrDefaultAsync(ct);
        keys.AddRange(KeysOf(function));
        return keys;
    }

    /// <summary>ORD-01 has no logistics department (物流部); its warehouse and distribution departments are it.</summary>
    private static string[] KeysOf(DepartmentFunction function) => function switch
    {
        DepartmentFunction.Warehouse or DepartmentFunction.Distribution => [OrderRoleKeys.Logistics],
        DepartmentFunction.Dispatch => [OrderRoleKeys.DispatchCentre],
        DepartmentFunction.FreightCentre => [OrderRoleKeys.FreightCentre],
        _ => [],
    };

    private async Task<string[]> HoldersAsync(string roleKey, CancellationToken ct)
    {
        if (KefuRoles.TryParse(roleKey, out _))
        {
            return await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == roleKey && u.Status == StaffStatus.Active
                          select u.Id).ToArrayAsync(ct);
        }

        var functions = Enum.GetValues<DepartmentFunction>().Where(f => KeysOf(f).Contains(roleKey)).ToArray();
        return await (from u in db.Users
                      join unit in db.OrgUnits on u.OrgUnitId equals unit.Id
                      where functions.Contains(unit.Function) && u.Status == StaffStatus.Active
                      select u.Id).ToArrayAsync(ct);
    }

    private static string StepName(string key) => Kefu.Web.Platform.Localization.Text.Get("FlowStep." + key);

    private async Task<FlowDto> ToDtoAsync(Order order, CancellationToken ct)
    {
        var steps = (await orders.PolicyAsync(ct)).DistributorFlow;
        var done = await db.Set<OrderFlowStep>().AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(ct);
        var ids = done.Select(d => d.CompletedById).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var keys = done.Select(d => d.StepKey).ToArray();
        return new FlowDto(order.Id,
            steps.Select(s => done.SingleOrDefault(d => d.StepKey == s.Key) is { } d
                ? new FlowStepDto(s.Key, s.OwnerRole, d.CompletedAt, names.GetValueOrDefault(d.CompletedById), d.Note)
                : new FlowStepDto(s.Key, s.OwnerRole, null, null, null)).ToArray(),
            DistributorOrderFlow.NextStep(steps, keys)?.Key, order.Distributor && DistributorOrderFlow.IsFinished(steps, keys));
    }

    /// <summary>Checks an administrator's order policy: the numbers in range, every checkpoint and flow step well formed (ORD-05, ORD-08).</summary>
    public static ProblemBuilder Validate(OrderPolicy? policy)
    {
        var problems = new ProblemBuilder();
        if (policy is null)
        {
            return problems.Add("policy", "Validation.Required", "policy");
        }

        if (policy.BreakInDays is < 0 or > 365)
        {
            problems.Add("breakInDays", "Policy.OutOfRange", 0, 365);
        }

        if (policy.ClassAUnderHours is < 1 or > 720)
        {
            problems.Add("classAUnderHours", "Policy.OutOfRange", 1, 720);
        }

        if (policy.ClassBWithinHours < policy.ClassAUnderHours || policy.ClassBWithinHours > 2160)
        {
            problems.Add("classBWithinHours", "Policy.OutOfRange", policy.ClassAUnderHours, 2160);
        }

        if (policy.ValuableGoodsOver.Fen < 0)
        {
            problems.Add("valuableGoodsOver", "Orders.BadAmount");
        }

        if (policy.OnTimeTolerance < TimeSpan.Zero || policy.OnTimeTolerance > TimeSpan.FromDays(7))
        {
            problems.Add("onTimeTolerance", "Policy.OutOfRange", "0", "7.00:00:00");
        }

        if (policy.LateArrivalGrace < TimeSpan.Zero || policy.LateArrivalGrace > TimeSpan.FromDays(7))
        {
            problems.Add("lateArrivalGrace", "Policy.OutOfRange", "0", "7.00:00:00");
        }

        if (policy.CheckpointWarningPercent is < 1 or > 99)
        {
            problems.Add("checkpointWarningPercent", "Policy.OutOfRange", 1, 99);
        }

        if (policy.CityJobEtaWithinHours is < 1 or > 720)
        {
            problems.Add("cityJobEtaWithinHours", "Policy.OutOfRange", 1, 720);
        }

        if (policy.CheckpointEscalation is null || policy.CheckpointEscalation.Any(k => k is null || !KefuRoles.TryParse(k, out _)))
        {
            problems.Add("checkpointEscalation", "Orders.BadEscalationRoles", string.Join(", ", KefuRoles.All.Select(KefuRoles.Name)));
        }

        foreach (var (cls, points) in policy.Checkpoints ?? new Dictionary<TrackingClass, IReadOnlyList<TrackingCheckpoint>>())
        {
            if (points is null || points.Any(p => p is null || string.IsNullOrWhiteSpace(p.Key) || p.Key.Length > 64 || !Enum.IsDefined(p.Anchor)))
            {
                problems.Add($"checkpoints.{cls}", "Orders.BadCheckpoints");
            }
        }

        var flow = policy.DistributorFlow ?? [];
        if (flow.Any(s => s is null) || DistributorOrderFlow.Validate(flow).Count > 0
            || flow.Any(s => s.Key.Length > 64 || !(KefuRoles.TryParse(s.OwnerRole, out _) || s.OwnerRole is OrderRoleKeys.Logistics or OrderRoleKeys.DispatchCentre or OrderRoleKeys.FreightCentre)))
        {
            problems.Add("distributorFlow", "Orders.BadFlow", string.Join(", ", [.. KefuRoles.All.Select(KefuRoles.Name), OrderRoleKeys.Logistics]));
        }

        return problems;
    }
}
