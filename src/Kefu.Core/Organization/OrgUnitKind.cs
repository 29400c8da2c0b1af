namespace Kefu.Core.Organization;

/// <summary>The levels and departments of the org tree (ORG-01).</summary>
public enum OrgUnitKind
{
    Company,
    Branch,
    Centre,
    Department,
}

/// <summary>The functional departments of ORG-01.</summary>
public enum DepartmentFunction
{
    None,
    CustomerService,
    Finance,
    QualityControl,
    Dispatch,
    FreightCentre,
    Marketing,
    Commerce,
    Admin,
    GmOffice,
    Warehouse,
    Distribution,
}
