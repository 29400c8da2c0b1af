using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Seeding;
using Kefu.Web.Platform.Sequences;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// Demo field service: the price list, technicians' skills and positions around Shanghai, Hangzhou
/// and Beijing, and today's jobs in every state, so the board and the phone have something real to
/// show on the first start. Only when there are no jobs yet.
/// </summary>
internal sealed class FieldDemoSeeder(KefuDbContext db, NumberSequences sequences, TimeProvider clock) : IDemoDataSeeder
{
    private sealed record Tech(string UserName, string Skills, double Latitude, double Longitude);

    private static readonly Tech[] Technicians =
    [
        new("sh.eng1", "打印机,网络,服务器", 31.2304, 121.4737),
        new("sh.eng2", "打印机,复印机", 31.1990, 121.4360),
        new("sh.eng3", "服务器,软件", 31.2450, 121.5060),
        new("hz.eng1", "打印机,网络", 30.2741, 120.1551),
        new("bj.eng1", "服务器,网络", 39.9042, 116.4074),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<ServiceJob>().AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Set<PriceItem>().AnyAsync(ct))
        {
            db.AddRange(
                new PriceItem { Code = "S-REPAIR", Name = "上门维修服务费", NameEn = "On-site repair fee", Kind = PriceItemKind.Service, ForType = JobKind.Repair, PriceFen = 15_000 },
                new PriceItem { Code = "S-INSTALL", Name = "安装调试服务费", NameEn = "Installation fee", Kind = PriceItemKind.Service, ForType = JobKind.Install, PriceFen = 20_000 },
                new PriceItem { Code = "S-INSPECT", Name = "巡检服务费", NameEn = "Inspection fee", Kind = PriceItemKind.Service, ForType = JobKind.Inspection, PriceFen = 10_000 },
                new PriceItem { Code = "P-DRUM", Name = "硒鼓", NameEn = "Toner drum", Kind = PriceItemKind.Part, PriceFen = 38_000 },
                new PriceItem { Code = "P-FUSER", Name = "定影组件", NameEn = "Fuser unit", Kind = PriceItemKind.Part, PriceFen = 56_000 },
                new PriceItem { Code = "P-HDD", Name = "硬盘 1TB", NameEn = "Hard disk 1 TB", Kind = PriceItemKind.Part, PriceFen = 45_000 },
                new PriceItem { Code = "P-NIC", Name = "网卡", NameEn = "Network card", Kind = PriceItemKind.Part, PriceFen = 12_000 });
        }

        var users = await db.Users.Where(u => Technicians.Select(t => t.UserName).Contains(u.UserName!)).ToListAsync(ct);
        foreach (var tech in Technicians)
        {
            if (users.SingleOrDefault(u => u.UserName == tech.UserName) is not { } user)
            {
                continue;
            }

            user.Skills ??= tech.Skills;
            db.Add(new TechnicianPresence { UserId = user.Id, Latitude = tech.Latitude, Longitude = tech.Longitude, PositionAt = now.AddMinutes(-20), UpdatedAt = now });
        }

        var coordinator = await db.Users.AsNoTracking().Where(u => u.UserName == "sh.coord").Select(u => u.Id).SingleOrDefaultAsync(ct);
        var shanghai = await db.Set<Customer>().AsNoTracking().Where(c => c.Number == "C00001" || c.Number == "C00002" || c.Number == "C00003").OrderBy(c => c.Number).ToListAsync(ct);
        if (coordinator is null || shanghai.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        string? Id(string userName) => users.SingleOrDefault(u => u.UserName == userName)?.Id;
        var policy = new FieldPolicy();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (JobKind Type, ServiceMode Mode, JobState State, string? Tech, string Problem, string Skill, double Lat, double Lon, int MinutesAgo)[] jobs =
        [
            (JobKind.Repair, ServiceMode.Mobile, JobState.New, null, "打印机卡纸，无法打印", "打印机", 31.2220, 121.4580, 6),
            (JobKind.Repair, ServiceMode.Mobile, JobState.New, null, "服务器无法启动，指示灯闪红", "服务器", 31.2400, 121.4990, 3),
            (JobKind.Install, ServiceMode.Mobile, JobState.New, null, "新购复印机安装调试", "复印机", 31.2010, 121.4400, 15),
            (JobKind.Repair, ServiceMode.Mobile, JobState.Assigned, "sh.eng2", "复印机出纸有黑线", "复印机", 31.1950, 121.4300, 8),
            (JobKind.Repair, ServiceMode.Mobile, JobState.SetOut, "sh.eng1", "办公室网络时断时续", "网络", 31.2350, 121.4800, 30),
            (JobKind.Inspection, ServiceMode.Resident, JobState.Arrived, "sh.eng3", "机房月度巡检", "服务器", 31.2460, 121.5050, 50),
            (JobKind.Repair, ServiceMode.Mobile, JobState.Finished, "sh.eng1", "打印机更换硒鼓", "打印机", 31.2280, 121.4700, 180),
        ];
        foreach (var (type, mode, state, tech, problem, skill, lat, lon, minutesAgo) in jobs)
        {
            var customer = shanghai[jobs.ToList().FindIndex(j => j.Problem == problem) % shanghai.Count];
            var received = now.AddMinutes(-minutesAgo);
            var job = new ServiceJob
            {
                Number = JobUseCases.Prefix(type) + (await sequences.NextAsync("Job." + type, NumberSequences.CompanyWide, ct)).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                Type = type, Mode = mode, Source = JobSource.Phone, Priority = skill == "服务器" ? JobPriority.High : JobPriority.Normal, State = state,
                CustomerId = customer.Id, CustomerName = customer.Name, SiteAddress = customer.Address, SiteLatitude = lat, SiteLongitude = lon,
                ContactName = customer.ContactName, ContactPhone = customer.Phone, Problem = problem, Skill = skill, OwnerId = tech is null ? null : Id(tech),
                OrgPath = customer.OrgPath, CentreId = customer.CentreId, CreatedById = coordinator, ReceivedAt = received, CreatedAt = received,
                Issue = state == JobState.Finished ? IssueKind.Hardware : null,
            };
            if (state != JobState.New)
            {
                job.AssignedAt = received.AddMinutes(2);
                job.AcceptedAt = received.AddMinutes(3);
            }

            job.SetOutAt = state is JobState.SetOut or JobState.Arrived or JobState.Finished ? received.AddMinutes(6) : null;
            job.ArrivedAt = state is JobState.Arrived or JobState.Finished ? received.AddMinutes(35) : null;
            if (state == JobState.Finished)
            {
                job.FinishedAt = received.AddMinutes(90);
                job.WorkDone = "更换硒鼓，清洁进纸通道，打印测试页正常。";
                job.Charged = false;
                job.ChargeReason = ChargeReason.UnderWarranty;
                job.Points = policy.PointsByType[type] + policy.PointsBonusByMode[mode];
            }

            db.Add(job);
            await db.SaveChangesAsync(ct);
            db.Add(new JobEvent { JobId = job.Id, At = received, ActorId = coordinator, Kind = "Created", Note = problem });
            if (job.AssignedAt is { } assigned)
            {
                db.Add(new JobEvent { JobId = job.Id, At = assigned, ActorId = coordinator, Kind = nameof(JobAction.Assign), TechnicianId = job.OwnerId });
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
