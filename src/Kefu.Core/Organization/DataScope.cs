namespace Kefu.Core.Organization;

/// <summary>How much of the organisation a caller may see (ORG-03), from narrowest to widest.</summary>
public enum DataScope
{
    Own = 0,
    Centre = 1,
    Branch = 2,
    Company = 3,
}
