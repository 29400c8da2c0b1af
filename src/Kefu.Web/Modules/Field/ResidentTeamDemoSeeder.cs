using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// Demo resident and team service: a resident post in Shanghai with two technicians and this month's
/// attendance so far, and a team project in progress with its plan, a daily report and devices.
/// Only when there is no resident post yet. Like the demo jobs, it starts no clock: a seeded clock
/// would fall due on its own while nobody uses the demo.
/// </summary>
internal sealed class ResidentTeamDemoSeeder(KefuDbContext db, CalendarService calendars, TimeProvider clock) : IDemoDataSeeder
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<ResidentPost>().AnyAsync(ct))
        {
            return;
        }

        var names = new[] { "sh.eng1", "sh.eng2", "sh.eng3", "sh.lead", "sh.coord" };
        var people = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => c.Number == "C00001" || c.Number == "C00002").OrderBy(c => c.Number).ToListAsync(ct);
        if (people.Count < names.Length || customers.Count < 2)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var calendar = await calendars.ForOrgPathAsync(db, customers[0].OrgPath, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var site = customers[0];
        var post = new ResidentPost
        {
            Name = site.Name + "驻点", CustomerId = site.Id, CustomerName = site.Name, SiteAddress = site.Address, OwnerId = people["sh.eng2"],
            OrgPath = site.OrgPath, CentreId = site.CentreId, CreatedAt = now.UtcDateTime.AddDays(-60),
        };
        db.Add(post);
        await db.SaveChangesAsync(ct);
        db.AddRange(new ResidentMember { PostId = post.Id, UserId = people["sh.eng2"] }, new ResidentMember { PostId = post.Id, UserId = people["sh.eng3"] });
        for (var day = new DateOnly(today.Year, today.Month, 1); day < today; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var tech in new[] { "sh.eng2", "sh.eng3" })
            {
                var status = tech == "sh.eng3" && day.Day == 3 ? AttendanceStatus.Leave : AttendanceStatus.Present;
                db.Add(new AttendanceEntry
                {
                    PostId = post.Id, TechnicianId = people[tech], Date = day, Status = status, Note = status == AttendanceStatus.Leave ? "事假" : null,
                    RecordedById = people["sh.eng2"], RecordedAt = now.UtcDateTime,
                });
            }
        }

        var lastMonth = today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        db.Add(new ResidentReport
        {
            PostId = post.Id, OwnerId = people["sh.eng2"], OrgPath = post.OrgPath, Month = lastMonth, CustomerId = site.Id, CustomerName = site.Name,
            WorkSummary = "本月完成桌面支持 46 次、打印机保养 12 台、机房巡检 4 次；处理网络故障 3 起，均在 5 分钟内到场。",
            Problems = "三楼会议室投影仪老化，故障频繁。", Suggestions = "建议年内更换三楼投影仪，并增加一台备用打印机。",
            Status = ResidentReportStatus.Draft, CreatedAt = now.UtcDateTime,
        });

        var customer = customers[1];
        var start = calendar.AddWorkingDays(today, -2);
        var finish = calendar.AddWorkingDays(today, 3);
        var team = new[] { "sh.lead", "sh.eng1", "sh.eng3", "sh.eng2" };
        var (personDays, workingDays) = TeamService.Size(new TeamPlanSize(team.Length, start, finish), calendar);
        var project = new TeamProject
        {
            Name = "数据中心机房搬迁", CustomerId = customer.Id, CustomerName = customer.Name, SiteAddress = customer.Address,
            Requirement = "将 40 台服务器与网络设备由旧机房搬迁至新机房，停机不超过 48 小时，搬迁后恢复全部业务。",
            PlannedStart = start, PlannedFinish = finish, Technicians = team.Length, WorkingDays = workingDays, PersonDays = personDays,
            OwnerId = people["sh.lead"], OrgPath = customer.OrgPath, CentreId = customer.CentreId, Status = TeamProjectStatus.InProgress,
            CreatedById = people["sh.coord"], CreatedAt = now.UtcDateTime.AddDays(-7), StartedAt = now.UtcDateTime.AddDays(-2),
        };
        db.Add(project);
        await db.SaveChangesAsync(ct);
        foreach (var member in team)
        {
            db.Add(new TeamMember { ProjectId = project.Id, UserId = people[member] });
        }

        db.AddRange(
            new TeamTask { ProjectId = project.Id, Title = "设备清点、拆机与打包", AssigneeId = people["sh.eng1"], PersonDays = 4, Done = true },
            new TeamTask { ProjectId = project.Id, Title = "新机房上架与布线", AssigneeId = people["sh.eng3"], PersonDays = 8 },
            new TeamTask { ProjectId = project.Id, Title = "系统恢复与联调测试", AssigneeId = people["sh.eng2"], PersonDays = 6 },
            new TeamDailyReport
            {
                ProjectId = project.Id, Date = calendar.AddWorkingDays(today, -1), ProgressPercent = 35, WorkDone = "完成 40 台服务器清点、标签与拆机，其中 18 台已运抵新机房。",
                Problems = "新机房 B 排 PDU 未到货，已催供应商。", AuthorId = people["sh.lead"], FiledAt = now.UtcDateTime.AddDays(-1),
            },
            new TeamDevice { ProjectId = project.Id, Model = "Dell PowerEdge R740", SerialNumber = "7XK2M93", Quantity = 12, Location = "新机房 A 排 01–06 柜", RecordedById = people["sh.eng3"], RecordedAt = now.UtcDateTime },
            new TeamDevice { ProjectId = project.Id, Model = "Huawei S5735 交换机", SerialNumber = "21980106", Quantity = 4, Location = "新机房网络柜", RecordedById = people["sh.eng1"], RecordedAt = now.UtcDateTime });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
