using Kefu.Core.Organization;

namespace Kefu.Web.Data;

/// <summary>A node of the org tree (ORG-01): the company, a branch, a service centre or a department.</summary>
public sealed class OrgUnit : IVersioned
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public OrgUnitKind Kind { get; set; }
    public DepartmentFunction Function { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }

    /// <summary>Materialised path ("/1/2/4/"), maintained by the org use cases.</summary>
    public string Path { get; set; } = "/";

    /// <summary>IANA time zone of the unit; deadlines are shown in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>CAL-03: the unit's own working calendar; null uses the nearest ancestor's, then the company's.</summary>
    public string? CalendarId { get; set; }

    public bool IsActive { get; set; } = true;
    public int Version { get; set; }

    public string DisplayName(bool english) => english && !string.IsNullOrEmpty(NameEn) ? NameEn : Name;
}
