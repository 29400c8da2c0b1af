namespace Kefu.Core.Organization;

/// <summary>The roles of ORG-02. A person may hold several.</summary>
public enum Role
{
    FieldEngineer,
    CsSpecialist,
    Coordinator,
    TeamLeader,
    CentreSupervisor,
    BranchGm,
    ExpenseAuditor,
    CsManager,
    CsDirector,
    QcManager,
    FinanceClerk,
    Vp,
    Gm,
    MarketingDirector,
    BusinessAssistant,
    AdminClerk,
    ReadOnlyAuditor,
    SystemAdministrator,

    /// <summary>Logistics clerk (物流部): ships samples with the outbound slip (APR-03).</summary>
    LogisticsClerk,
}
