using Kefu.Core.Orders;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Seeding;
using Kefu.Web.Platform.Sequences;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

/// <summary>
/// Demo orders: a draft work order of the first Shanghai customer (taken by sh.cs) and an approved
/// handover form for the third, so the pages have something to show. Seeded first on an empty
/// database, so the draft is order 1 and the form is handover 1 (the authorization matrix uses both).
/// </summary>
internal sealed class DemoOrdersSeeder(KefuDbContext db, NumberSequences sequences, TimeProvider clock) : IDemoDataSeeder
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<Order>().AnyAsync(ct) || await db.Set<CustomerHandover>().AnyAsync(ct))
        {
            return;
        }

        var shanghai = await db.Set<Customer>().AsNoTracking().Where(c => c.Number == "C00001" || c.Number == "C00003").OrderBy(c => c.Number).ToListAsync(ct);
        var agent = await db.Users.AsNoTracking().Where(u => u.UserName == "sh.cs").Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (shanghai.Count < 2 || agent is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = new Order
        {
            Number = "", CustomerId = shanghai[0].Id, CustomerName = shanghai[0].Name, OwnerId = agent,
            CentreId = shanghai[0].CentreId, OrgPath = shanghai[0].OrgPath, CreatedAt = now, Status = OrderStatus.Draft,
            Channel = IntakeChannel.Email, DangerousGoods = DangerousGoodsAnswer.None, JobType = JobType.SameCityDelivery, VehicleType = "4.2米厢式车",
            RequestedArrival = now.AddDays(2), PickupParty = shanghai[0].Name, PickupCity = "上海", PickupAddress = "浦东新区川沙路 88 号",
            PickupContact = "王先生", PickupPhone = "021-55550001", DeliveryParty = "上海百联仓储", DeliveryCity = "上海", DeliveryAddress = "闵行区莘庄工业区 6 号",
            DeliveryContact = "李女士", DeliveryPhone = "021-55550002", GoodsName = "家电配件", Pieces = 20, WeightKg = 480m, VolumeM3 = 3.2m, Packaging = "纸箱",
            EstimatedChargeFen = 86000, DeclaredValueFen = 3_000_000,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        order.Number = OrderUseCases.FormatNumber(await sequences.NextAsync(OrderUseCases.NumberSequence, NumberSequences.CompanyWide, ct));
        db.Add(order);
        db.Add(new CustomerHandover
        {
            CustomerId = shanghai[1].Id, CustomerName = shanghai[1].Name, OwnerId = agent, CentreId = shanghai[1].CentreId, OrgPath = shanghai[1].OrgPath,
            Delivery = true, ContractOrQuote = "合同 HT-2026-018：上海市内配送 ¥1.20/公斤，最低 ¥200/票", Status = HandoverStatus.Approved,
            CreatedAt = now, SubmittedAt = now, ApprovedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
