namespace Kefu.Core.Expenses;

/// <summary>
/// The numbers of the expense rules (seed 000, 公司客服人员费用管理办法), as defaults an administrator
/// may change (Settings → Policies). Each carries the rule it serves.
/// </summary>
public sealed record ExpensePolicy
{
    public const string Key = "expenses.policy";

    /// <summary>EXP-04: an expense older than this many months at submission is not reimbursable.</summary>
    public int MaxAgeMonths { get; init; } = 1;

    /// <summary>EXP-03: monthly cap per person for phone costs (包干), in yuan, unless a centre sets its own.</summary>
    public decimal PhoneCapYuan { get; init; } = 200m;

    /// <summary>EXP-03: monthly cap per person for city transport, in yuan, unless a centre sets its own.</summary>
    public decimal CityTransportCapYuan { get; init; } = 300m;

    /// <summary>EXP-03: centre code → (phone cap, city-transport cap), as each branch confirmed by email.</summary>
    public IReadOnlyDictionary<string, CentreCaps> CentreCaps { get; init; } = new Dictionary<string, CentreCaps>();

    /// <summary>EXP-05: a single form above this needs the VP (the seed masks it as 20**; 2,000 by default).</summary>
    public decimal VpThresholdYuan { get; init; } = 2000m;

    /// <summary>EXP-05: the HQ expense auditor reviews within this many working days.</summary>
    public int AuditorDays { get; init; } = 3;

    /// <summary>EXP-05: the CS manager reviews within this many working days.</summary>
    public int ManagerDays { get; init; } = 1;

    /// <summary>EXP-05: finance pays within this many working days.</summary>
    public int FinancePayDays { get; init; } = 7;

    /// <summary>EXP-06: the days of the month the centres send their batches (postponed past holidays).</summary>
    public IReadOnlyList<int> BatchDays { get; init; } = [5, 20];

    /// <summary>EXP-12: days after the batch day a centre may still mail its batch before it counts as late (not reimbursed).</summary>
    public int LateBatchGraceDays { get; init; }

    /// <summary>EXP-12: the auditor's deadline starts when HQ marks the paper received, not while it is in the post.</summary>
    public bool PaperReceiptStartsAuditorClock { get; init; } = true;

    /// <summary>EXP-07: finance takes no forms from this day of the month…</summary>
    public int FinanceClosedFromDay { get; init; } = 29;

    /// <summary>EXP-07: …until this day of the next month, when it opens again.</summary>
    public int FinanceOpensOnDay { get; init; } = 10;

    /// <summary>EXP-09: a false claim costs the claimant and the supervisor this much each.</summary>
    public decimal FalseClaimFineYuan { get; init; } = 50m;

    /// <summary>EXP-09: bad, missing or fake receipts cost the claimant and the supervisor this much each.</summary>
    public decimal ReceiptFineYuan { get; init; } = 20m;

    /// <summary>EXP-09: the auditor's late review costs this much per working day per branch.</summary>
    public decimal AuditorLateFinePerDayYuan { get; init; } = 20m;

    public CentreCaps CapsFor(string? centreCode) =>
        centreCode is not null && CentreCaps.TryGetValue(centreCode, out var caps) ? caps : new CentreCaps(PhoneCapYuan, CityTransportCapYuan);
}

/// <summary>A centre's monthly caps per person (EXP-03).</summary>
public sealed record CentreCaps(decimal PhoneYuan, decimal CityTransportYuan);

/// <summary>EXP-01's expense categories.</summary>
public enum ExpenseCategory
{
    Travel,
    Transport,
    CityTransport,
    Phone,
    Lodging,
    Meals,
    Parts,
    Other,
}
