using Kefu.Web.Data;
using Kefu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

/// <summary>
/// Demo performance: last month's project bonus for the Shanghai team (documents two days late) and
/// last month's run, so "my performance", the ranking and the ledger have something to show on the
/// first start. Only when no month has run yet.
/// </summary>
internal sealed class PerformanceDemoSeeder(KefuDbContext db, PerformanceUseCases uc, PerformanceCalculator calculator) : IDemoDataSeeder
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<PerformanceMonth>().AnyAsync(ct))
        {
            return;
        }

        var month = uc.ThisMonth().AddMonths(-1);
        var names = new[] { "sh.lead", "sh.eng1", "sh.eng2", "sh.eng3" };
        var people = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName, u.OrgPath, u.OrgUnitId }).ToListAsync(ct);
        var manager = people.SingleOrDefault(p => p.UserName == "sh.lead");
        if (manager is not null && !await db.Set<ProjectBonus>().AnyAsync(ct))
        {
            var unit = PerformanceCalculator.UnitOf(manager.OrgPath, manager.OrgUnitId, await calculator.CentresAsync(ct));
            var bonus = new ProjectBonus
            {
                Name = "服务器维保专案（演示）", Month = Platform.CompanyTime.MonthText(month), UnitId = unit.Id, OrgPath = manager.OrgPath, BonusFen = 60_000, OwnerId = manager.Id,
                ResponsibleId = manager.Id, DocumentsDueOn = month.AddDays(19), DocumentsInOn = month.AddDays(21), CreatedById = manager.Id, CreatedAt = Platform.CompanyTime.StartUtc(month.AddDays(21)),
            };
            db.Add(bonus);
            await db.SaveChangesAsync(ct);
            db.AddRange(people.Select(p => new ProjectBonusMember { BonusId = bonus.Id, UserId = p.Id, IsManager = p.Id == manager.Id }));
            await db.SaveChangesAsync(ct);
        }

        await uc.RunAsync(month, null, "demo", ct);
    }
}
