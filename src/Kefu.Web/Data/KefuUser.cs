using Kefu.Core.Organization;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Identity;

namespace Kefu.Web.Data;

/// <summary>A person: the sign-in identity and the staff record of ORG-04 in one row.</summary>
public sealed class KefuUser : IdentityUser, IScopedRecord
{
    public string DisplayName { get; set; } = "";
    public string EmployeeNumber { get; set; } = "";
    public int OrgUnitId { get; set; }

    /// <summary>Copy of the unit's path, so scope filters need no join.</summary>
    public string OrgPath { get; set; } = "/";

    public string? Skills { get; set; }

    /// <summary>Staff grade (人员定级).</summary>
    public string? Grade { get; set; }

    public DateOnly? HireDate { get; set; }
    public StaffStatus Status { get; set; } = StaffStatus.Active;

    /// <summary>TRN-04: a new employee is not on duty until they pass the onboarding exam.</summary>
    public bool OnDuty { get; set; }

    /// <summary>"zh-CN" or "en"; null means the default (zh-CN).</summary>
    public string? PreferredCulture { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A staff record is its person's own record.</summary>
    static string IScopedRecord.OwnerProperty => nameof(Id);
}
