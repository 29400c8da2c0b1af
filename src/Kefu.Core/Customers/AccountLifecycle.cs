using Kefu.Core.Organization;

namespace Kefu.Core.Customers;

/// <summary>Whether a customer's account is open for business (CUS-08, seed 004 开户、做单、销户).</summary>
public enum AccountStatus
{
    /// <summary>Opened when the customer was taken in, or reopened since.</summary>
    Open,

    /// <summary>Closed (销户): gone from the active lists, no new orders or jobs; its records stay readable.</summary>
    Closed,
}

/// <summary>Why closing, reopening or new business on an account is refused (CUS-08).</summary>
public enum AccountRefusal
{
    /// <summary>Closing and reopening are recorded with their reason; none was given.</summary>
    ReasonMissing,

    /// <summary>The reason is longer than <see cref="AccountLifecycle.ReasonMaxLength"/>.</summary>
    ReasonTooLong,

    /// <summary>The account is already closed.</summary>
    AlreadyClosed,

    /// <summary>The account is open: there is nothing to reopen.</summary>
    NotClosed,

    /// <summary>A closed account takes no new orders or jobs until it is reopened.</summary>
    AccountClosed,
}

/// <summary>
/// CUS-08: an account is opened when the customer is taken in (its creation date is the opening
/// date), closed with a reason, and may be reopened, again with a reason. A closed account leaves
/// the active lists and takes no new business; what it already has stays readable.
/// </summary>
public static class AccountLifecycle
{
    public const string RuleId = "CUS-08";

    /// <summary>The longest reason kept (the column's length).</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>
    /// Who closes and reopens accounts: a centre supervisor or above (branch GM, CS manager, CS
    /// director). Seed 004 puts the customer file "覆盖开户、做单、销户全过程" among the CS
    /// manager's duties, to be organised and supervised from above; specialists enter and keep the
    /// records, but ending the business with a customer is a leader's decision. These are the same
    /// people who already assign and merge customers (CUS-03, CUS-04), so no new role set is invented.
    /// </summary>
    public static IReadOnlyList<Role> Closers { get; } = [Role.CentreSupervisor, Role.BranchGm, Role.CsManager, Role.CsDirector];

    /// <summary>Every reason the account may not be closed now; empty means it may.</summary>
    public static IReadOnlyList<AccountRefusal> RefusalsToClose(AccountStatus status, string? reason) =>
        Refusals(status == AccountStatus.Closed ? AccountRefusal.AlreadyClosed : null, reason);

    /// <summary>Every reason the account may not be reopened now; empty means it may.</summary>
    public static IReadOnlyList<AccountRefusal> RefusalsToReopen(AccountStatus status, string? reason) =>
        Refusals(status == AccountStatus.Open ? AccountRefusal.NotClosed : null, reason);

    /// <summary>Whether the account takes a new order or job: only an open one does.</summary>
    public static AccountRefusal? RefusalOfNewBusiness(AccountStatus status) =>
        status == AccountStatus.Closed ? AccountRefusal.AccountClosed : null;

    private static List<AccountRefusal> Refusals(AccountRefusal? state, string? reason)
    {
        var refusals = new List<AccountRefusal>();
        if (state is { } s)
        {
            refusals.Add(s);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            refusals.Add(AccountRefusal.ReasonMissing);
        }
        else if (reason.Trim().Length > ReasonMaxLength)
        {
            refusals.Add(AccountRefusal.ReasonTooLong);
        }

        return refusals;
    }
}
