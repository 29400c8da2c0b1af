using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Organization;

/// <summary>
/// PLT-05 / ORG-04: staff records with their units and roles from an Excel sheet, and the staff of
/// the caller's scope in the same shape. Each row is checked exactly as the staff form checks a new
/// record (<see cref="SaveStaff.CheckNewAsync"/>: fields, a unit within the caller's scope, roles,
/// only an administrator makes administrators, unique user name and employee number, the password
/// rules), plus against the rows above it; the valid rows are added together in one transaction
/// and the bad ones reported by row and column. A user name that exists already is a row error:
/// the import adds people, it never changes someone's roles or unit behind the staff form. New
/// employees (the default) are enrolled for the onboarding exam and not on duty until they pass
/// it (TRN-04), as on the form.
/// </summary>
public sealed class StaffImport(KefuDbContext db, SaveStaff save, StaffQueries queries, IOptionsSnapshot<SpreadsheetLimits> limits)
{
    public static readonly SheetLayout Layout = new("员工", "Staff",
        new("userName", "用户名", "User name", Required: true), new("displayName", "姓名", "Name"), new("employeeNumber", "工号", "Employee no."),
        new("unitCode", "单位编码", "Unit code"), new("unitName", "所属单位", "Unit"), new("roles", "角色", "Roles"),
        new("phone", "电话", "Phone"), new("email", "邮箱", "Email"), new("grade", "人员定级", "Grade"), new("skills", "技能", "Skills"),
        new("hireDate", "入职日期", "Hire date"), new("newEmployee", "新员工", "New employee"), new("password", "初始密码", "Initial password"));

    /// <summary>The separators people put between several roles in one cell.</summary>
    private static readonly char[] RoleSeparators = [',', '，', '、', ';', '；', '/', '\n'];

    public static byte[] Template() => Layout.Template(new Dictionary<string, object?>
    {
        ["userName"] = "sh.new1", ["displayName"] = "李新人", ["employeeNumber"] = "E9001", ["unitCode"] = "SH", ["unitName"] = "上海中心",
        ["roles"] = SheetValues.Label("Role.", Role.CsSpecialist), ["phone"] = "13800138000", ["email"] = "li@example.com", ["grade"] = "B",
        ["skills"] = "空调, 网络", ["hireDate"] = "2027-03-01", ["newEmployee"] = SheetValues.YesNo(true), ["password"] = "Welcome-2027",
    });

    /// <summary>The staff the caller may see, filtered as the list is, in the import's columns (no passwords).</summary>
    public async Task<byte[]> ExportAsync(ScopeViewer viewer, StaffFilter filter, CancellationToken ct)
    {
        var rows = await queries.ExportAsync(viewer, filter, LocalizationSetup.IsEnglish, ct);
        var unitIds = rows.Select(r => r.OrgUnitId).Distinct().ToArray();
        var codes = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        var separator = LocalizationSetup.IsEnglish ? ", " : "、";
        return Layout.Write(rows, (s, field) => field switch
        {
            "userName" => s.UserName,
            "displayName" => s.DisplayName,
            "employeeNumber" => s.EmployeeNumber,
            "unitCode" => codes.GetValueOrDefault(s.OrgUnitId),
            "unitName" => s.OrgUnitName,
            "roles" => string.Join(separator, s.Roles.Select(r => SheetValues.Label("Role.", r))),
            "phone" => s.Phone,
            "email" => s.Email,
            "grade" => s.Grade,
            "skills" => s.Skills,
            "hireDate" => s.HireDate is { } d ? SheetValues.Date(d) : null,
            _ => null,
        }, "password", "newEmployee");
    }

    public async Task<ImportOutcome> ImportAsync(ScopeViewer viewer, Stream file, CancellationToken ct)
    {
        // Units by code and by name; the scope check itself is the staff form's (CheckNewAsync).
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Code, u.Name, u.NameEn }).ToListAsync(ct);
        var byCode = units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var byName = units.SelectMany(u => new[] { (Name: u.Name, u.Id), (Name: u.NameEn ?? "", u.Id) }).Where(n => n.Name != "")
            .GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(n => n.Id).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        var roleOptions = SheetValues.EnumOptions<Role>("Role.").ToArray();

        var userNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var pending = new List<(int Row, NewStaff Person)>();
        var read = await SheetImport.ReadAsync(file, limits.Value, Layout, async row =>
        {
            var unitField = row["unitCode"] is not null || row["unitName"] is null ? "unitCode" : "unitName";
            int? unitId = null;
            if (row["unitCode"] is { } code)
            {
                if (byCode.TryGetValue(code, out var id))
                {
                    unitId = id;
                }
                else
                {
                    row.Error("unitCode", "Validation.UnknownOrgUnit");
                }
            }
            else if (row["unitName"] is { } name)
            {
                switch (byName.GetValueOrDefault(name))
                {
                    case [var id]:
                        unitId = id;
                        break;
                    case { Length: > 1 }:
                        row.Error("unitName", "StaffImport.AmbiguousUnit");
                        break;
                    default:
                        row.Error("unitName", "Validation.UnknownOrgUnit");
                        break;
                }
            }

            // A role is named by its label (Chinese or English) or its own name; anything else goes to the form's check as it is.
            var roles = (row["roles"] ?? "").Split(RoleSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => roleOptions.FirstOrDefault(o => o.Names.Contains(r, StringComparer.OrdinalIgnoreCase)) is { Names: not null } o ? o.Value.ToString() : r)
                .ToArray();
            var hireDate = row.Date("hireDate");
            var newEmployee = row.YesNo("newEmployee", blank: true) ?? true;
            var unreadUnit = row.Errors.Any(e => e.Field == unitField);

            // Every other field goes through the staff form's check, so a row reports all its problems at once.
            var input = new StaffInput(row["userName"], row["displayName"], row["employeeNumber"], row["email"], row["phone"], unitId, roles,
                row["skills"], row["grade"], hireDate, StaffStatus.Active, OnDuty: !newEmployee, row["password"], null, newEmployee);
            var (person, problems) = await save.CheckNewAsync(viewer, input, ct);
            row.Add(problems, field => field != "orgUnitId" ? field : unreadUnit ? null : unitField);

            if (person is null || row.HasErrors)
            {
                return;
            }

            // The rows above count as taken too: the first row of a user name or an employee number wins.
            if (userNames.TryGetValue(person.User.UserName!, out var sameName))
            {
                row.Error("userName", "Import.Duplicate", SheetImport.RowLabel(sameName));
            }

            if (numbers.TryGetValue(person.User.EmployeeNumber, out var sameNumber))
            {
                row.Error("employeeNumber", "Import.Duplicate", SheetImport.RowLabel(sameNumber));
            }

            if (!row.HasErrors)
            {
                userNames[person.User.UserName!] = row.Number;
                numbers[person.User.EmployeeNumber] = row.Number;
                pending.Add((row.Number, person));
            }
        }, ct);
        if (read.Refused is { } refused)
        {
            return refused;
        }

        if (await save.CreateAllAsync(pending.Select(p => p.Person).ToArray(), ct) is { } failed)
        {
            // Someone else took a name meanwhile: nothing was added; the row says why.
            var errors = read.Errors.ToList();
            var row = pending[failed.Index].Row;
            errors.AddRange(failed.Problems.Errors.SelectMany(e => e.Value.Select(m => new ImportError(row, e.Key, m))));
            return new ImportOutcome.Done(new ImportResult(read.Rows, 0, errors.OrderBy(e => e.Row).ToArray()));
        }

        return read.Done(pending.Count);
    }
}
