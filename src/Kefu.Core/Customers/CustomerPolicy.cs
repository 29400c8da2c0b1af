namespace Kefu.Core.Customers;

/// <summary>The numbers of the customer rules an administrator may change.</summary>
public sealed record CustomerPolicy
{
    public const string Key = "customers.policy";

    /// <summary>CUS-05: a specialist contacts a newly assigned customer within this many days (1 week by default), wall-clock.</summary>
    public int FirstContactDays { get; init; } = 7;
}
