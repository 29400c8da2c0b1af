using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Organization;

// CalendarId (CAL-03): the unit's own working calendar; empty: the nearest ancestor's, in the end the company's.
public sealed record OrgUnitInput(
    int? ParentId, OrgUnitKind? Kind, DepartmentFunction? Function, string? Code, string? Name, string? NameEn, string? TimeZone, bool? IsActive, int? Version,
    string? CalendarId = null);

public sealed record OrgUnitDto(
    int Id, int? ParentId, string Kind, string Function, string Code, string Name, string? NameEn, string Path, string TimeZone, bool IsActive, int Version,
    string? CalendarId);

/// <summary>Creates and edits org units (ORG-01). A unit keeps its place in the tree once created.</summary>
public sealed class SaveOrgUnit(KefuDbContext db)
{
    public static OrgUnitDto ToDto(OrgUnit u) =>
        new(u.Id, u.ParentId, u.Kind.ToString(), u.Function.ToString(), u.Code, u.Name, u.NameEn, u.Path, u.TimeZone, u.IsActive, u.Version, u.CalendarId);

    public async Task<SaveResult> CreateAsync(OrgUnitInput input, CancellationToken ct)
    {
        var problems = Validate(input);
        OrgUnit? parent = null;
        if (input.ParentId is not { } parentId)
        {
            problems.Add("parentId", "Org.ParentRequired");
        }
        else
        {
            parent = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == parentId, ct);
            if (parent is null)
            {
                problems.Add("parentId", "Org.UnknownParent");
            }
            else if (input.Kind is { } kind && !MayContain(parent.Kind, kind))
            {
                problems.Add("kind", "Org.KindNotAllowed", kind, parent.Kind);
            }
        }

        await CheckCodeAsync(input.Code, null, problems, ct);
        await CheckCalendarAsync(input.CalendarId, problems, ct);
        if (problems.HasErrors)
        {
            return new SaveResult.Invalid(problems);
        }

        var unit = new OrgUnit { Code = input.Code!.Trim(), Name = input.Name!.Trim(), ParentId = parent!.Id };
        Apply(unit, input);
        unit.Kind = input.Kind!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        unit.Path = OrgPath.Child(parent.Path, unit.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SaveResult.Saved(unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<SaveResult> UpdateAsync(int id, OrgUnitInput input, CancellationToken ct)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return new SaveResult.NotFound();
        }

        if (input.Version is { } version && version != unit.Version)
        {
            return new SaveResult.Conflict();
        }

        var problems = Validate(input);
        if (input.ParentId is { } parentId && parentId != unit.ParentId)
        {
            problems.Add("parentId", "Org.CannotMove");
        }

        if (input.Kind is { } kind && kind != unit.Kind)
        {
            problems.Add("kind", "Org.KindFixed");
        }

        await CheckCodeAsync(input.Code, unit.Id, problems, ct);
        await CheckCalendarAsync(input.CalendarId, problems, ct);
        if (problems.HasErrors)
        {
            return new SaveResult.Invalid(problems);
        }

        unit.Code = input.Code!.Trim();
        unit.Name = input.Name!.Trim();
        Apply(unit, input);
        await db.SaveChangesAsync(ct);
        return new SaveResult.Saved(unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static ProblemBuilder Validate(OrgUnitInput input)
    {
        var problems = new ProblemBuilder();
        problems.Required("code", input.Code).MaxLength("code", input.Code, 32);
        problems.Required("name", input.Name).MaxLength("name", input.Name, 100);
        problems.MaxLength("nameEn", input.NameEn, 100);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            problems.Add("kind", "Org.KindRequired");
        }

        if (input.Function is { } function && !Enum.IsDefined(function))
        {
            problems.Add("function", "Org.UnknownFunction");
        }

        if (!string.IsNullOrWhiteSpace(input.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZone, out _))
        {
            problems.Add("timeZone", "Org.UnknownTimeZone");
        }

        return problems;
    }

    /// <summary>ORG-01: company → branches → centres; departments under the company, a branch or a centre.</summary>
    public static bool MayContain(OrgUnitKind parent, OrgUnitKind child) => (parent, child) switch
    {
        (OrgUnitKind.Company, OrgUnitKind.Branch or OrgUnitKind.Department or OrgUnitKind.Centre) => true,
        (OrgUnitKind.Branch, OrgUnitKind.Centre or OrgUnitKind.Department) => true,
        (OrgUnitKind.Centre, OrgUnitKind.Department) => true,
        _ => false,
    };

    private async Task CheckCodeAsync(string? code, int? exceptId, ProblemBuilder problems, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            var trimmed = code.Trim();
            if (await db.OrgUnits.AnyAsync(u => u.Code == trimmed && (exceptId == null || u.Id != exceptId), ct))
            {
                problems.Add("code", "Org.CodeTaken");
            }
        }
    }

    /// <summary>CAL-03: a unit may name its own calendar, one that exists.</summary>
    private async Task CheckCalendarAsync(string? calendarId, ProblemBuilder problems, CancellationToken ct)
    {
        problems.MaxLength("calendarId", calendarId, 32);
        if (!string.IsNullOrWhiteSpace(calendarId) && calendarId.Length <= 32)
        {
            var id = calendarId.Trim();
            if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == id, ct))
            {
                problems.Add("calendarId", "Org.UnknownCalendar");
            }
        }
    }

    private static void Apply(OrgUnit unit, OrgUnitInput input)
    {
        unit.CalendarId = string.IsNullOrWhiteSpace(input.CalendarId) ? null : input.CalendarId.Trim();
        unit.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        unit.Function = input.Function ?? unit.Function;
        unit.TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? unit.TimeZone : input.TimeZone.Trim();
        unit.IsActive = input.IsActive ?? unit.IsActive;
    }
}
