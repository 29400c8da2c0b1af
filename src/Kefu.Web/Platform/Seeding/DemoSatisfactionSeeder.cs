using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Calendars;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Seeding;

/// <summary>
/// Demo history for the visits and satisfaction pages: six months of service callbacks rated by
/// customers, one past visit per demo customer (so the plan has visits due), and a published
/// survey with a few answers. Deterministic, and only when the demo has none yet.
/// </summary>
public sealed class DemoSatisfactionSeeder(KefuDbContext db, CalendarService calendars, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<ServiceCallback>().AnyAsync(ct))
        {
            return;
        }

        var random = new Random(2026);
        var now = clock.GetUtcNow().UtcDateTime;
        var policy = new VisitPolicy();
        var engineers = await db.Users.AsNoTracking().Where(u => u.UserName!.EndsWith(".eng1") || u.UserName!.EndsWith(".eng2"))
            .Select(u => new { u.Id, u.UserName, u.OrgUnitId }).ToListAsync(ct);
        var customers = await db.Set<Customer>().AsNoTracking().ToListAsync(ct);
        var coordinator = await db.Users.AsNoTracking().Where(u => u.UserName == "sh.coord").Select(u => u.Id).SingleOrDefaultAsync(ct);
        var job = 1;
        foreach (var engineer in engineers)
        {
            var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == engineer.OrgUnitId, ct);
            var calendar = await calendars.ForOrgPathAsync(db, unit.Path, ct);
            var local = customers.Where(c => c.OrgPath == unit.Path).ToList();
            // A technician's skill shows in their ratings: the second engineer of a centre does a little worse.
            var skill = engineer.UserName!.EndsWith(".eng1", StringComparison.Ordinal) ? 0.55 : 0.35;
            for (var daysAgo = 180; daysAgo >= 1; daysAgo -= random.Next(3, 9))
            {
                var completed = now.AddDays(-daysAgo).Date.AddHours(6 + random.Next(0, 5));
                var roll = random.NextDouble();
                var rating = roll < skill ? SatisfactionRating.VerySatisfied : roll < 0.9 ? SatisfactionRating.Satisfied : roll < 0.97 ? SatisfactionRating.Neutral : SatisfactionRating.Dissatisfied;
                var customer = local.Count == 0 ? null : local[random.Next(local.Count)];
                db.Add(new ServiceCallback
                {
                    JobReference = $"DEMO-{job++:D4}", CustomerId = customer?.Id, CustomerName = customer?.Name ?? "散客", OrgPath = unit.Path, CentreId = unit.Id,
                    OwnerId = engineer.Id, CompletedAt = completed,
                    DueAt = VisitRules.CallbackDue(new DateTimeOffset(completed, TimeSpan.Zero), calendar, policy).UtcDateTime,
                    Status = daysAgo < 2 ? CallbackStatus.Pending : CallbackStatus.Done,
                    CalledAt = daysAgo < 2 ? null : completed.AddHours(20), CalledById = daysAgo < 2 ? null : coordinator,
                    Rating = daysAgo < 2 ? null : rating, Complaint = daysAgo >= 2 && rating == SatisfactionRating.Dissatisfied,
                    CreatedAt = completed,
                });
            }
        }

        foreach (var customer in customers.Where(c => c.OwnerId is not null && c.Grade is not null))
        {
            var months = policy.MonthsByGrade.GetValueOrDefault(customer.Grade!, 3);
            db.Add(new Visit
            {
                CustomerId = customer.Id, OrgPath = customer.OrgPath, OwnerId = customer.OwnerId!, Status = VisitStatus.Done,
                DoneAt = now.AddMonths(-months).AddDays(-random.Next(0, 5)), Channel = VisitChannel.Phone, Rating = SatisfactionRating.Satisfied,
                Feedback = "服务正常", CreatedAt = now.AddMonths(-months),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
