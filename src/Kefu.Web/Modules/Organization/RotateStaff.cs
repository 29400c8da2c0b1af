using System.Text.Json;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Organization.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Organization;

/// <summary>Job rotation (换岗): where the person goes, and who takes over what they own.</summary>
public sealed record RotationInput(int? NewOrgUnitId, IReadOnlyList<string>? NewRoles, string? SuccessorId, string? ConcurrencyStamp);

public sealed record RotationOutcome(string UserId, int NewOrgUnitId, IReadOnlyList<string> Roles, string? SuccessorId, IReadOnlyDictionary<string, int> Transferred);

public abstract record RotationResult
{
    public sealed record Done(RotationOutcome Outcome) : RotationResult;
    public sealed record Invalid(ProblemBuilder Problems) : RotationResult;
    public sealed record NotFound : RotationResult;
    public sealed record Conflict : RotationResult;
}

/// <summary>
/// ORG-05: moving a person to another centre or role re-assigns their open records to a named
/// successor in one transaction, audited; nothing is left without an owner.
/// </summary>
public sealed class RotateStaff(KefuDbContext db, UserManager<KefuUser> users, IEnumerable<IOwnedRecords> owned, CurrentUser current)
{
    public async Task<IReadOnlyDictionary<string, int>> CountOwnedAsync(string userId, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in owned)
        {
            counts[kind.Kind] = await kind.CountAsync(userId, ct);
        }

        return counts;
    }

    public async Task<RotationResult> RotateAsync(ScopeViewer viewer, string userId, RotationInput input, CancellationToken ct)
    {
        var user = await db.Users.VisibleTo(viewer).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new RotationResult.NotFound();
        }

        if (input.ConcurrencyStamp is not null && input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return new RotationResult.Conflict();
        }

        var problems = new ProblemBuilder();
        var currentRoles = (await users.GetRolesAsync(user)).ToArray();
        OrgUnit? unit = null;
        if (input.NewOrgUnitId is { } unitId)
        {
            unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct);
            if (unit is null || viewer.VisiblePath is not { } visible || !OrgPath.IsWithin(unit.Path, visible))
            {
                problems.Add("newOrgUnitId", "Validation.UnknownOrgUnit");
            }
        }

        var newRoles = new List<string>();
        foreach (var name in input.NewRoles ?? [])
        {
            if (KefuRoles.TryParse(name, out var role))
            {
                newRoles.Add(KefuRoles.Name(role));
            }
            else
            {
                problems.Add("newRoles", "Validation.UnknownRole", name);
            }
        }

        if (input.NewRoles is { Count: 0 })
        {
            problems.Add("newRoles", "Validation.RoleRequired");
        }

        var adminName = KefuRoles.Name(Role.SystemAdministrator);
        if ((currentRoles.Contains(adminName) || newRoles.Contains(adminName)) && !current.IsInRole(Role.SystemAdministrator))
        {
            problems.Add("newRoles", "Staff.AdminOnly");
        }

        var movesUnit = unit is not null && unit.Id != user.OrgUnitId;
        var changesRoles = input.NewRoles is not null && !newRoles.ToHashSet().SetEquals(currentRoles);
        if (!problems.HasErrors && !movesUnit && !changesRoles)
        {
            problems.Add("newOrgUnitId", "Rotation.NoChange");
        }

        var counts = await CountOwnedAsync(userId, ct);
        KefuUser? successor = null;
        if (!string.IsNullOrEmpty(input.SuccessorId))
        {
            successor = await db.Users.VisibleTo(viewer).AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.SuccessorId, ct);
            if (successor is null)
            {
                problems.Add("successorId", "Rotation.UnknownSuccessor");
            }
        }

        if (successor is not null || string.IsNullOrEmpty(input.SuccessorId))
        {
            foreach (var problem in JobRotationRules.SuccessorMustBeAnotherActivePerson(
                         userId, successor?.Id, successor?.Status == StaffStatus.Active, successor?.OnDuty == true, counts.Values.Sum()))
            {
                problems.Add(problem.Field, problem.Code);
            }
        }

        if (problems.HasErrors)
        {
            return new RotationResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transferred = new Dictionary<string, int>(StringComparer.Ordinal);
        if (successor is not null)
        {
            foreach (var kind in owned)
            {
                transferred[kind.Kind] = await kind.TransferAsync(userId, successor.Id, ct);
            }
        }

        if (movesUnit)
        {
            user.OrgUnitId = unit!.Id;
            user.OrgPath = unit.Path;
        }

        if (changesRoles)
        {
            await users.RemoveFromRolesAsync(user, currentRoles.Except(newRoles));
            await users.AddToRolesAsync(user, newRoles.Except(currentRoles));
        }

        // The new stamp signs the person out of sessions that still carry the old roles.
        await users.UpdateSecurityStampAsync(user);
        var roles = changesRoles ? newRoles.ToArray() : currentRoles;
        db.AddAuditEvent("Rotation", nameof(KefuUser), user.Id, JsonSerializer.Serialize(new
        {
            orgUnitId = user.OrgUnitId,
            roles,
            successorId = successor?.Id,
            transferred,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RotationResult.Done(new RotationOutcome(user.Id, user.OrgUnitId, roles, successor?.Id, transferred));
    }
}
