namespace Kefu.Core.Organization;

/// <summary>Employment status of a staff record (ORG-04).</summary>
public enum StaffStatus
{
    Active,
    OnLeave,
    Left,
}
