using Kefu.Core.Customers;
using Kefu.Core.Organization;

namespace Kefu.Core.Tests.Customers;

public sealed class AccountLifecycleTests
{
    [Fact]
    public void CUS_08_an_open_account_closes_with_a_reason_and_not_without_one()
    {
        Assert.Empty(AccountLifecycle.RefusalsToClose(AccountStatus.Open, "客户停业"));
        Assert.Equal([AccountRefusal.ReasonMissing], AccountLifecycle.RefusalsToClose(AccountStatus.Open, null));
        Assert.Equal([AccountRefusal.ReasonMissing], AccountLifecycle.RefusalsToClose(AccountStatus.Open, "   "));
        Assert.Equal([AccountRefusal.ReasonTooLong], AccountLifecycle.RefusalsToClose(AccountStatus.Open, new string('因', AccountLifecycle.ReasonMaxLength + 1)));
    }

    [Fact]
    public void CUS_08_a_closed_account_is_not_closed_twice_and_an_open_one_is_not_reopened()
    {
        Assert.Equal([AccountRefusal.AlreadyClosed], AccountLifecycle.RefusalsToClose(AccountStatus.Closed, "再次销户"));
        Assert.Equal([AccountRefusal.NotClosed], AccountLifecycle.RefusalsToReopen(AccountStatus.Open, "恢复合作"));
        Assert.Equal([AccountRefusal.NotClosed, AccountRefusal.ReasonMissing], AccountLifecycle.RefusalsToReopen(AccountStatus.Open, ""));
    }

    [Fact]
    public void CUS_08_reopening_is_recorded_with_its_reason()
    {
        Assert.Empty(AccountLifecycle.RefusalsToReopen(AccountStatus.Closed, "客户恢复合作"));
        Assert.Equal([AccountRefusal.ReasonMissing], AccountLifecycle.RefusalsToReopen(AccountStatus.Closed, null));
    }

    [Fact]
    public void CUS_08_a_closed_account_takes_no_new_business_an_open_one_does()
    {
        Assert.Equal(AccountRefusal.AccountClosed, AccountLifecycle.RefusalOfNewBusiness(AccountStatus.Closed));
        Assert.Null(AccountLifecycle.RefusalOfNewBusiness(AccountStatus.Open));
    }

    [Fact]
    public void CUS_08_accounts_are_closed_by_a_supervisor_or_above_never_by_a_specialist()
    {
        Assert.Contains(Role.CentreSupervisor, AccountLifecycle.Closers);
        Assert.Contains(Role.CsManager, AccountLifecycle.Closers);
        Assert.DoesNotContain(Role.CsSpecialist, AccountLifecycle.Closers);
        Assert.DoesNotContain(Role.FieldEngineer, AccountLifecycle.Closers);
    }
}
