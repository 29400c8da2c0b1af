using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Organization;

public static class OrganizationApi
{
    public static void MapOrgUnitApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/org/units").WithTags("Organization");
        group.MapGet("/", ListUnits).WithName("ListOrgUnits").WithSummary("The org tree, ordered by path.");
        group.MapGet("/{id:int}", GetUnit).WithName("GetOrgUnit");
        group.MapPost("/", CreateUnit).RequireWritePolicy(Policies.Administer).WithName("CreateOrgUnit");
        group.MapPut("/{id:int}", UpdateUnit).RequireWritePolicy(Policies.Administer).WithName("UpdateOrgUnit");
    }

    public static void MapStaffApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/staff").WithTags("Staff");
        group.MapGet("/", ListStaff).RequireAuthorization(Policies.ReadStaff).WithName("ListStaff")
             .WithSummary("Staff records in the caller's scope, paged and filtered.");
        group.MapGet("/{id}", GetStaff).RequireAuthorization(Policies.ReadStaff).WithName("GetStaff");
        group.MapPost("/", CreateStaff).RequireWritePolicy(Policies.ManageStaff).WithName("CreateStaff");
        group.MapPut("/{id}", UpdateStaff).RequireWritePolicy(Policies.ManageStaff).WithName("UpdateStaff");
        group.MapGet("/export", ExportStaff).RequireAuthorization(Policies.ReadStaff).WithName("ExportStaff")
             .WithSummary("PLT-05: the staff of the caller's scope, filtered as the list is, as an Excel sheet in the import's columns.");
        group.MapGet("/import/template", () => TypedResults.File(StaffImport.Template(), TableExport.XlsxContentType, "staff-template.xlsx"))
             .RequireAuthorization(Policies.ManageStaff).WithName("StaffImportTemplate");
        group.MapPost("/import", ImportStaff).RequireWritePolicy(Policies.ManageStaff).DisableAntiforgery().WithName("ImportStaff")
             .WithSummary("PLT-05: new staff with their units and roles from an Excel sheet (multipart 'file'), each row checked as the staff form checks it; "
                          + "valid rows added together, bad rows reported by row and field (an existing user name is a row error). New employees wait for the onboarding exam (TRN-04). "
                          + "A file that is not a workbook or breaks a limit of Kefu:Import is refused whole: 400 naming 'file'.");
        group.MapGet("/{id}/owned", OwnedRecords).RequireAuthorization(Policies.ManageStaff).WithName("GetOwnedRecords")
             .WithSummary("What a person owns, which a rotation hands to the successor.");
        group.MapPost("/{id}/rotation", Rotate).RequireWritePolicy(Policies.ManageStaff).WithName("RotateStaff")
             .WithSummary("Job rotation (ORG-05): move a person and hand their records to a successor.");
    }

    private static async Task<Ok<List<OrgUnitDto>>> ListUnits(KefuDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Path).ToListAsync(ct);
        return TypedResults.Ok(units.Select(SaveOrgUnit.ToDto).ToList());
    }

    private static async Task<Results<Ok<OrgUnitDto>, NotFound>> GetUnit(int id, KefuDbContext db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) is { } unit
            ? TypedResults.Ok(SaveOrgUnit.ToDto(unit))
            : TypedResults.NotFound();

    private static async Task<Results<Created<OrgUnitDto>, ValidationProblem, NotFound, Conflict>> CreateUnit(
        OrgUnitInput input, SaveOrgUnit save, KefuDbContext db, CancellationToken ct) =>
        await save.CreateAsync(input, ct) switch
        {
            SaveResult.Saved saved => TypedResults.Created($"/api/org/units/{saved.Id}", SaveOrgUnit.ToDto(await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == int.Parse(saved.Id), ct))),
            SaveResult.Invalid invalid => invalid.Problems.ToProblem(),
            SaveResult.NotFound => TypedResults.NotFound(),
            SaveResult.Conflict => TypedResults.Conflict(),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<OrgUnitDto>, ValidationProblem, NotFound, Conflict>> UpdateUnit(
        int id, OrgUnitInput input, SaveOrgUnit save, KefuDbContext db, CancellationToken ct) =>
        await save.UpdateAsync(id, input, ct) switch
        {
            SaveResult.Saved => TypedResults.Ok(SaveOrgUnit.ToDto(await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == id, ct))),
            SaveResult.Invalid invalid => invalid.Problems.ToProblem(),
            SaveResult.NotFound => TypedResults.NotFound(),
            SaveResult.Conflict => TypedResults.Conflict(),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<Paged<StaffRow>>, ValidationProblem>> ListStaff(
        string? q, int? orgUnitId, string? role, StaffStatus? status, string? sort, string? dir, int? page, int? pageSize,
        StaffQueries queries, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var filter = Filter(q, orgUnitId, role, status, sort, dir, page, pageSize, queries, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var viewer = await current.GetViewerAsync(ct);
        return TypedResults.Ok(await queries.ListAsync(viewer, filter, LocalizationSetup.IsEnglish, ct));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportStaff(
        string? q, int? orgUnitId, string? role, StaffStatus? status, string? sort, string? dir, StaffQueries queries, StaffImport import, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var filter = Filter(q, orgUnitId, role, status, sort, dir, null, null, queries, problems);
        return problems.HasErrors
            ? problems.ToProblem()
            : TypedResults.File(await import.ExportAsync(await current.GetViewerAsync(ct), filter, ct), TableExport.XlsxContentType, "staff.xlsx");
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportStaff(IFormCollection form, StaffImport import, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await ImportHandling.RunAsync(form, stream => import.ImportAsync(viewer, stream, ct));
    }

    /// <summary>The staff list's filters as the API receives them (the list and its export).</summary>
    private static StaffFilter Filter(string? q, int? orgUnitId, string? role, StaffStatus? status, string? sort, string? dir, int? page, int? pageSize,
        StaffQueries queries, ProblemBuilder problems)
    {
        Role? parsedRole = null;
        if (!string.IsNullOrEmpty(role))
        {
            if (KefuRoles.TryParse(role, out var r))
            {
                parsedRole = r;
            }
            else
            {
                problems.Add("role", "Validation.UnknownRole", role);
            }
        }

        var order = ListSort.ForApi(sort, dir, queries.Sorts(), problems);
        return new StaffFilter(q, orgUnitId, parsedRole, status, order, page, pageSize);
    }

    private static async Task<Results<Ok<StaffRow>, NotFound>> GetStaff(string id, StaffQueries queries, CurrentUser current, CancellationToken ct) =>
        await queries.GetAsync(await current.GetViewerAsync(ct), id, LocalizationSetup.IsEnglish, ct) is { } row
            ? TypedResults.Ok(row)
            : TypedResults.NotFound();

    private static async Task<Results<Created<StaffRow>, ValidationProblem, NotFound, Conflict>> CreateStaff(
        StaffInput input, SaveStaff save, StaffQueries queries, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await save.CreateAsync(viewer, input, ct) switch
        {
            SaveResult.Saved saved => TypedResults.Created($"/api/staff/{saved.Id}", (await queries.GetAsync(viewer, saved.Id, LocalizationSetup.IsEnglish, ct))!),
            SaveResult.Invalid invalid => invalid.Problems.ToProblem(),
            SaveResult.NotFound => TypedResults.NotFound(),
            SaveResult.Conflict => TypedResults.Conflict(),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Ok<StaffRow>, ValidationProblem, NotFound, Conflict>> UpdateStaff(
        string id, StaffInput input, SaveStaff save, StaffQueries queries, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await save.UpdateAsync(viewer, id, input, ct) switch
        {
            SaveResult.Saved => TypedResults.Ok((await queries.GetAsync(viewer, id, LocalizationSetup.IsEnglish, ct))!),
            SaveResult.Invalid invalid => invalid.Problems.ToProblem(),
            SaveResult.NotFound => TypedResults.NotFound(),
            SaveResult.Conflict => TypedResults.Conflict(),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, int>>, NotFound>> OwnedRecords(
        string id, StaffQueries queries, RotateStaff rotate, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await queries.GetAsync(viewer, id, false, ct) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await rotate.CountOwnedAsync(id, ct));
    }

    private static async Task<Results<Ok<RotationOutcome>, ValidationProblem, NotFound, Conflict>> Rotate(
        string id, RotationInput input, RotateStaff rotate, CurrentUser current, CancellationToken ct) =>
        await rotate.RotateAsync(await current.GetViewerAsync(ct), id, input, ct) switch
        {
            RotationResult.Done done => TypedResults.Ok(done.Outcome),
            RotationResult.Invalid invalid => invalid.Problems.ToProblem(),
            RotationResult.NotFound => TypedResults.NotFound(),
            RotationResult.Conflict => TypedResults.Conflict(),
            _ => throw new InvalidOperationException(),
        };
}
