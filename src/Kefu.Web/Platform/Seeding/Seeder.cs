using System.Security.Cryptography;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Seeding;

/// <summary>
/// What every Kefu needs (the company, the roles, the <c>admin</c> user) and, with <c>--demo</c>,
/// the demo organisation of the README. Both are idempotent: running them twice changes nothing.
/// </summary>
public sealed class Seeder(
    KefuDbContext db, UserManager<KefuUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, DemoSatisfactionSeeder satisfaction, IEnumerable<IDemoDataSeeder> moduleSeeders,
    Kefu.Web.Platform.Sequences.NumberSequences sequences, ILogger<Seeder> logger)
{
    public const string DefaultDemoPassword = "Kefu-demo-2026";

    private sealed record UnitSeed(string Code, string? Parent, OrgUnitKind Kind, DepartmentFunction Function, string Name, string NameEn);

    private sealed record UserSeed(string UserName, string Unit, string DisplayName, string EmployeeNumber, params Role[] Roles);

    private static readonly UnitSeed[] DemoUnits =
    [
        new("HQ-CS", "HQ", OrgUnitKind.Department, DepartmentFunction.CustomerService, "客服部", "Customer Service"),
        new("HQ-FIN", "HQ", OrgUnitKind.Department, DepartmentFunction.Finance, "财务部", "Finance"),
        new("HQ-QC", "HQ", OrgUnitKind.Department, DepartmentFunction.QualityControl, "质控部", "Quality Control"),
        new("HQ-MKT", "HQ", OrgUnitKind.Department, DepartmentFunction.Marketing, "市场部", "Marketing"),
        new("HQ-COM", "HQ", OrgUnitKind.Department, DepartmentFunction.Commerce, "商务部", "Commerce"),
        new("HQ-ADM", "HQ", OrgUnitKind.Department, DepartmentFunction.Admin, "行政部", "Administration"),
        new("HQ-GMO", "HQ", OrgUnitKind.Department, DepartmentFunction.GmOffice, "总经办", "GM Office"),
        new("HQ-DSP", "HQ", OrgUnitKind.Department, DepartmentFunction.Dispatch, "调度中心", "Dispatch Centre"),
        new("HQ-FRT", "HQ", OrgUnitKind.Department, DepartmentFunction.FreightCentre, "货运中心", "Freight Centre"),
        new("HQ-LOG", "HQ", OrgUnitKind.Department, DepartmentFunction.Warehouse, "物流部", "Logistics"),
        new("EAST", "HQ", OrgUnitKind.Branch, DepartmentFunction.None, "华东分公司", "East China Branch"),
        new("SH", "EAST", OrgUnitKind.Centre, DepartmentFunction.CustomerService, "上海中心", "Shanghai Centre"),
        new("HZ", "EAST", OrgUnitKind.Centre, DepartmentFunction.CustomerService, "杭州中心", "Hangzhou Centre"),
        new("NORTH", "HQ", OrgUnitKind.Branch, DepartmentFunction.None, "华北分公司", "North China Branch"),
        new("BJ", "NORTH", OrgUnitKind.Centre, DepartmentFunction.CustomerService, "北京中心", "Beijing Centre"),
    ];

    private static readonly UserSeed[] DemoUsers =
    [
        new("gm", "HQ-GMO", "王总", "E0001", Role.Gm),
        new("vp", "HQ-GMO", "李副总", "E0002", Role.Vp),
        new("csmgr", "HQ-CS", "张经理", "E0003", Role.CsManager),
        new("csdir", "HQ-CS", "赵主任", "E0004", Role.CsDirector),
        new("qc", "HQ-QC", "钱质控", "E0005", Role.QcManager),
        new("auditor", "HQ-CS", "孙审核", "E0006", Role.ExpenseAuditor),
        new("finance", "HQ-FIN", "周财务", "E0007", Role.FinanceClerk),
        new("mkt", "HQ-MKT", "吴总监", "E0008", Role.MarketingDirector),
        new("bizasst", "HQ-COM", "郑商务", "E0009", Role.BusinessAssistant),
        new("adminclerk", "HQ-ADM", "冯行政", "E0010", Role.AdminClerk),
        new("dsp.coord", "HQ-DSP", "邹调度", "E0011", Role.Coordinator),
        new("frt.coord", "HQ-FRT", "曹货运", "E0012", Role.Coordinator),
        new("logistics", "HQ-LOG", "严物流", "E0013", Role.LogisticsClerk),
        new("east.gm", "EAST", "陈华东", "E0101", Role.BranchGm),
        new("sh.sup", "SH", "褚上海主管", "E0201", Role.CentreSupervisor),
        new("sh.coord", "SH", "卫上海协调", "E0202", Role.Coordinator),
        new("sh.cs", "SH", "蒋上海客服", "E0203", Role.CsSpecialist),
        new("sh.eng1", "SH", "沈工程师一", "E0204", Role.FieldEngineer),
        new("sh.eng2", "SH", "韩工程师二", "E0205", Role.FieldEngineer),
        new("sh.lead", "SH", "杨组长", "E0206", Role.TeamLeader),
        new("sh.eng3", "SH", "金工程师三", "E0207", Role.FieldEngineer),
        new("sh.coord2", "SH", "魏上海协调二", "E0208", Role.Coordinator),
        new("hz.sup", "HZ", "朱杭州主管", "E0301", Role.CentreSupervisor),
        new("hz.eng1", "HZ", "秦杭州工程师", "E0302", Role.FieldEngineer),
        new("hz.cs", "HZ", "尤杭州客服", "E0303", Role.CsSpecialist),
        new("north.gm", "NORTH", "许华北", "E0401", Role.BranchGm),
        new("bj.sup", "BJ", "何北京主管", "E0501", Role.CentreSupervisor),
        new("bj.eng1", "BJ", "吕北京工程师", "E0502", Role.FieldEngineer),
        new("bj.cs", "BJ", "施北京客服", "E0503", Role.CsSpecialist),
    ];

    /// <summary>Names of the demo users, for the README and the tests.</summary>
    public static IReadOnlyList<string> DemoUserNames => DemoUsers.Select(u => u.UserName).ToArray();

    public async Task SeedBaseAsync(string? adminPassword, TextWriter console)
    {
        foreach (var role in KefuRoles.All)
        {
            var name = KefuRoles.Name(role);
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new IdentityRole(name));
            }
        }

        var company = await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == "HQ");
        if (company is null)
        {
            company = new OrgUnit { Code = "HQ", Name = "演示公司", NameEn = "Demo Company", Kind = OrgUnitKind.Company };
            db.OrgUnits.Add(company);
            await db.SaveChangesAsync();
            company.Path = OrgPath.Child(OrgPath.Root, company.Id);
            await db.SaveChangesAsync();
        }

        await CalendarAdmin.EnsureDefaultAsync(db, clock);

        if (await users.FindByNameAsync("admin") is null)
        {
            var generated = string.IsNullOrEmpty(adminPassword);
            var password = generated ? GeneratePassword() : adminPassword!;
            var admin = NewUser("admin", "系统管理员", "A0001", company);
            Check(await users.CreateAsync(admin, password), "admin");
            Check(await users.AddToRoleAsync(admin, KefuRoles.Name(Role.SystemAdministrator)), "admin");
            if (generated)
            {
                // Printed once, on the console only: it is never stored in clear anywhere.
                console.WriteLine($"Kefu: created user 'admin' with generated password: {password}");
            }
        }
    }

    public async Task SeedDemoAsync(string? demoPassword, TextWriter console)
    {
        var password = string.IsNullOrEmpty(demoPassword) ? DefaultDemoPassword : demoPassword;
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Code);
        foreach (var seed in DemoUnits)
        {
            if (units.ContainsKey(seed.Code))
            {
                continue;
            }

            var parent = units[seed.Parent!];
            var unit = new OrgUnit { Code = seed.Code, Name = seed.Name, NameEn = seed.NameEn, Kind = seed.Kind, Function = seed.Function, ParentId = parent.Id };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = OrgPath.Child(parent.Path, unit.Id);
            await db.SaveChangesAsync();
            units[seed.Code] = unit;
        }

        // One hash for all demo users: hashing is deliberately slow, and they share a password.
        string? hash = null;
        var created = 0;
        foreach (var seed in DemoUsers)
        {
            if (await users.FindByNameAsync(seed.UserName) is not null)
            {
                continue;
            }

            var user = NewUser(seed.UserName, seed.DisplayName, seed.EmployeeNumber, units[seed.Unit]);
            hash ??= users.PasswordHasher.HashPassword(user, password);
            user.PasswordHash = hash;
            Check(await users.CreateAsync(user), seed.UserName);
            Check(await users.AddToRolesAsync(user, seed.Roles.Select(KefuRoles.Name)), seed.UserName);
            created++;
        }

        if (created > 0)
        {
            console.WriteLine(string.IsNullOrEmpty(demoPassword)
                ? $"Kefu: demo users created with the default password '{DefaultDemoPassword}' (set KEFU_DEMO_PASSWORD to choose another)."
                : "Kefu: demo users created with the password from KEFU_DEMO_PASSWORD.");
        }

        await SeedDemoCustomersAsync(units);
        await satisfaction.SeedAsync();
        foreach (var seeder in moduleSeeders)
        {
            await seeder.SeedAsync();
        }
    }

    private async Task SeedDemoCustomersAsync(Dictionary<string, OrgUnit> units)
    {
        if (await db.Set<Customer>().AnyAsync())
        {
            return;
        }

        (string Centre, string Owner, string[] Names)[] demo =
        [
            ("SH", "sh.cs", ["上海浦江物流有限公司", "上海恒通电子科技", "上海锦程家电"]),
            ("HZ", "hz.cs", ["杭州西湖供热公司", "杭州云栖软件", "杭州钱塘仓储"]),
            ("BJ", "bj.cs", ["北京京华物业管理", "北京中关村数码", "北京燕山制造"]),
        ];
        // The demo customers take their numbers from the customer sequence, as any other intake.
        await using var tx = await db.Database.BeginTransactionAsync();
        var number = await sequences.TakeAsync(CustomerUseCases.NumberSequence, Kefu.Web.Platform.Sequences.NumberSequences.CompanyWide, demo.Sum(d => d.Names.Length), default);
        foreach (var (centre, ownerName, names) in demo)
        {
            var owner = await users.FindByNameAsync(ownerName);
            foreach (var name in names)
            {
                db.Set<Customer>().Add(new Customer
                {
                    Number = CustomerUseCases.FormatNumber(number++),
                    Name = name,
                    NameKey = Kefu.Core.Customers.DuplicateKeys.Name(name),
                    Grade = (number % 3) switch { 0 => "A", 1 => "B", _ => "C" },
                    CentreId = units[centre].Id,
                    OrgPath = units[centre].Path,
                    OwnerId = owner?.Id,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
            }
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
        logger.LogInformation("Seeded demo customers");
    }

    private KefuUser NewUser(string userName, string displayName, string employeeNumber, OrgUnit unit) => new()
    {
        UserName = userName,
        DisplayName = displayName,
        EmployeeNumber = employeeNumber,
        Email = $"{userName}@demo.kefu.local",
        EmailConfirmed = true,
        OrgUnitId = unit.Id,
        OrgPath = unit.Path,
        OnDuty = true,
        Status = StaffStatus.Active,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed user '{userName}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y') + "9a";
}
