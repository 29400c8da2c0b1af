using System.Net.Mail;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Organization;

/// <summary>A staff record as entered on the form or through the API (ORG-04).</summary>
public sealed record StaffInput(
    string? UserName, string? DisplayName, string? EmployeeNumber, string? Email, string? Phone, int? OrgUnitId,
    IReadOnlyList<string>? Roles, string? Skills, string? Grade, DateOnly? HireDate, StaffStatus? Status, bool? OnDuty,
    string? Password, string? ConcurrencyStamp, bool? NewEmployee = null);

/// <summary>A staff record that passed every check of <see cref="SaveStaff.CheckNewAsync"/>, ready to be added.</summary>
public sealed record NewStaff(KefuUser User, string Password, IReadOnlyList<Role> Roles, bool NewEmployee);

public abstract record SaveResult
{
    public sealed record Saved(string Id) : SaveResult;
    public sealed record Invalid(ProblemBuilder Problems) : SaveResult;
    public sealed record NotFound : SaveResult;
    public sealed record Conflict : SaveResult;
}

/// <summary>Creates and edits staff records. Everything is checked before anything is written.</summary>
public sealed class SaveStaff(KefuDbContext db, UserManager<KefuUser> users, TimeProvider clock, CurrentUser current, Training.Contracts.IOnboarding onboarding)
{
    public async Task<SaveResult> CreateAsync(ScopeViewer viewer, StaffInput input, CancellationToken ct)
    {
        var (person, problems) = await CheckNewAsync(viewer, input, ct);
        if (person is null)
        {
            return new SaveResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await AddAsync(person, problems, ct))
        {
            return new SaveResult.Invalid(problems);
        }

        await tx.CommitAsync(ct);
        return new SaveResult.Saved(person.User.Id);
    }

    /// <summary>
    /// Everything a new staff record is checked for (ORG-04 fields, unit within the caller's scope,
    /// roles, unique user name and employee number, the password rules), without writing: the
    /// record ready to add, or the problems naming each field. Creating one and importing many
    /// check the same way.
    /// </summary>
    public async Task<(NewStaff? Person, ProblemBuilder Problems)> CheckNewAsync(ScopeViewer viewer, StaffInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("userName", input.UserName);
        problems.Required("password", input.Password);
        var (unit, roles) = await ValidateAsync(viewer, input, problems, null, ct);
        if (!string.IsNullOrWhiteSpace(input.UserName) && await users.FindByNameAsync(input.UserName.Trim()) is not null)
        {
            problems.Add("userName", "Staff.UserNameTaken");
        }

        var user = new KefuUser { UserName = input.UserName?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (!string.IsNullOrEmpty(input.Password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, user, input.Password)).Errors)
                {
                    problems.Add("password", "Validation.Identity", error.Description);
                }
            }
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        Apply(user, input, unit!);
        // TRN-04: a new employee is not on duty until they pass the onboarding exam.
        var newEmployee = input.NewEmployee == true;
        user.OnDuty &= !newEmployee;
        // Identity's own rules for the user name (allowed characters), checked now so a batch never fails half-way.
        foreach (var validator in users.UserValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, user)).Errors)
            {
                problems.Add("userName", "Validation.Identity", error.Description);
            }
        }

        return problems.HasErrors ? (null, problems) : (new NewStaff(user, input.Password!, roles, newEmployee), problems);
    }

    /// <summary>
    /// PLT-05: adds checked staff records together, in one transaction: all of them, or none when
    /// one fails after all (another request took a user name meanwhile); then the index of the
    /// one that failed and why.
    /// </summary>
    public async Task<(int Index, ProblemBuilder Problems)?> CreateAllAsync(IReadOnlyList<NewStaff> people, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return null;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < people.Count; i++)
        {
            var problems = new ProblemBuilder();
            if (!await AddAsync(people[i], problems, ct))
            {
                db.ChangeTracker.Clear();
                return (i, problems);
            }
        }

        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Writes one checked record inside the caller's transaction; false (with the problem) when Identity refuses it.</summary>
    private async Task<bool> AddAsync(NewStaff person, ProblemBuilder problems, CancellationToken ct)
    {
        var user = person.User;
        var created = await users.CreateAsync(user, person.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                problems.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", "Validation.Identity", error.Description);
            }

            return false;
        }

        var added = await users.AddToRolesAsync(user, person.Roles.Select(KefuRoles.Name));
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        if (person.NewEmployee)
        {
            onboarding.Enrol(user.Id);
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public async Task<SaveResult> UpdateAsync(ScopeViewer viewer, string id, StaffInput input, CancellationToken ct)
    {
        var user = await db.Users.VisibleTo(viewer).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return new SaveResult.NotFound();
        }

        if (input.ConcurrencyStamp is not null && input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return new SaveResult.Conflict();
        }

        var problems = new ProblemBuilder();
        var (unit, roles) = await ValidateAsync(viewer, input, problems, user, ct);
        if (problems.HasErrors)
        {
            return new SaveResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Apply(user, input, unit!);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return updated.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new SaveResult.Conflict()
                : new SaveResult.Invalid(problems.Add("userName", "Validation.Identity", string.Join("; ", updated.Errors.Select(e => e.Description))));
        }

        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var wanted = roles.Select(KefuRoles.Name).ToHashSet(StringComparer.Ordinal);
        var removed = current.Except(wanted).ToArray();
        var addedRoles = wanted.Except(current).ToArray();
        if (removed.Length > 0)
        {
            await users.RemoveFromRolesAsync(user, removed);
        }

        if (addedRoles.Length > 0)
        {
            await users.AddToRolesAsync(user, addedRoles);
        }

        if (removed.Length > 0 || addedRoles.Length > 0)
        {
            // Roles live in the sign-in cookie: a new stamp makes it refresh.
            await users.UpdateSecurityStampAsync(user);
        }

        await tx.CommitAsync(ct);
        return new SaveResult.Saved(user.Id);
    }

    private async Task<(OrgUnit? Unit, IReadOnlyList<Role> Roles)> ValidateAsync(
        ScopeViewer viewer, StaffInput input, ProblemBuilder problems, KefuUser? existing, CancellationToken ct)
    {
        problems.Required("displayName", input.DisplayName).MaxLength("displayName", input.DisplayName, 100);
        problems.Required("employeeNumber", input.EmployeeNumber).MaxLength("employeeNumber", input.EmployeeNumber, 32);
        problems.MaxLength("userName", input.UserName, 256).MaxLength("skills", input.Skills, 500).MaxLength("grade", input.Grade, 20)
                .MaxLength("phone", input.Phone, 40).Phone("phone", input.Phone).MaxLength("email", input.Email, 256);
        if (!string.IsNullOrWhiteSpace(input.Email) && !MailAddress.TryCreate(input.Email.Trim(), out _))
        {
            problems.Add("email", "Validation.Email");
        }

        if (input.Status is { } status && !Enum.IsDefined(status))
        {
            problems.Add("status", "Validation.UnknownStatus");
        }

        var roles = new List<Role>();
        foreach (var name in input.Roles ?? [])
        {
            if (KefuRoles.TryParse(name, out var role))
            {
                roles.Add(role);
            }
            else
            {
                problems.Add("roles", "Validation.UnknownRole", name);
            }
        }

        if (roles.Count == 0 && !problems.Errors.ContainsKey("roles"))
        {
            problems.Add("roles", "Validation.RoleRequired");
        }

        OrgUnit? unit = null;
        if (input.OrgUnitId is not { } unitId)
        {
            problems.Add("orgUnitId", "Validation.FieldRequired", "orgUnitId");
        }
        else
        {
            unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
            // A manager may only place people inside what they may see.
            if (unit is null || (viewer.VisiblePath is not { } visible) || !OrgPath.IsWithin(unit.Path, visible))
            {
                problems.Add("orgUnitId", "Validation.UnknownOrgUnit");
                unit = null;
            }
        }

        if (!string.IsNullOrWhiteSpace(input.EmployeeNumber))
        {
            var number = input.EmployeeNumber.Trim();
            if (await db.Users.AnyAsync(u => u.EmployeeNumber == number && (existing == null || u.Id != existing.Id), ct))
            {
                problems.Add("employeeNumber", "Staff.EmployeeNumberTaken");
            }
        }

        // Only an administrator makes, edits or unmakes an administrator: an admin clerk manages staff, not the keys.
        var touchesAdmin = roles.Contains(Role.SystemAdministrator)
            || (existing is not null && (await users.GetRolesAsync(existing)).Contains(KefuRoles.Name(Role.SystemAdministrator)));
        if (touchesAdmin && !current.IsInRole(Role.SystemAdministrator))
        {
            problems.Add("roles", "Staff.AdminOnly");
        }

        return (unit, roles.Distinct().ToArray());
    }

    private static void Apply(KefuUser user, StaffInput input, OrgUnit unit)
    {
        user.DisplayName = input.DisplayName!.Trim();
        user.EmployeeNumber = input.EmployeeNumber!.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        user.OrgUnitId = unit.Id;
        user.OrgPath = unit.Path;
        user.Skills = string.IsNullOrWhiteSpace(input.Skills) ? null : input.Skills.Trim();
        user.Grade = string.IsNullOrWhiteSpace(input.Grade) ? null : input.Grade.Trim();
        user.HireDate = input.HireDate;
        user.Status = input.Status ?? user.Status;
        user.OnDuty = input.OnDuty ?? user.OnDuty;
    }
}
