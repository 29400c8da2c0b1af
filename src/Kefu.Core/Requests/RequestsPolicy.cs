namespace Kefu.Core.Requests;

/// <summary>
/// The deadlines of the memo and request chains, in working days on the record's calendar, as
/// defaults an administrator may change (Settings → Policies). Seed 004 names the steps but no
/// figures; these are defaults.
/// </summary>
public sealed record RequestsPolicy
{
    public const string Key = "requests.policy";

    public const int MinDays = 1;
    public const int MaxDays = 30;

    /// <summary>APR-02: the receiving department writes its handling opinion and replies.</summary>
    public int MemoReplyDays { get; init; } = 3;

    /// <summary>APR-02: the sending department's direct leader adds an opinion.</summary>
    public int MemoLeaderDays { get; init; } = 2;

    /// <summary>APR-02: administration archives the memo (electronic and paper).</summary>
    public int MemoArchiveDays { get; init; } = 2;

    /// <summary>APR-03: the marketing director approves the sample request.</summary>
    public int SampleApprovalDays { get; init; } = 1;

    /// <summary>APR-03: commerce issues the outbound slip (出仓单) to logistics and finance.</summary>
    public int SampleSlipDays { get; init; } = 1;

    /// <summary>APR-03: logistics ships the samples and reports the tracking number.</summary>
    public int SampleShippingDays { get; init; } = 2;

    /// <summary>APR-03: finance files the request with its slip.</summary>
    public int SampleFilingDays { get; init; } = 3;

    /// <summary>APR-04: the marketing director approves the special policy.</summary>
    public int PolicyApprovalDays { get; init; } = 2;

    /// <summary>APR-04: commerce files the approved policy.</summary>
    public int PolicyCommerceFilingDays { get; init; } = 1;

    /// <summary>APR-04: finance files the approved policy.</summary>
    public int PolicyFinanceFilingDays { get; init; } = 1;

    /// <summary>The fields out of range (every deadline is <see cref="MinDays"/>..<see cref="MaxDays"/> working days).</summary>
    public IEnumerable<string> FieldsOutOfRange()
    {
        (string Field, int Days)[] all =
        [
            ("memoReplyDays", MemoReplyDays), ("memoLeaderDays", MemoLeaderDays), ("memoArchiveDays", MemoArchiveDays),
            ("sampleApprovalDays", SampleApprovalDays), ("sampleSlipDays", SampleSlipDays), ("sampleShippingDays", SampleShippingDays),
            ("sampleFilingDays", SampleFilingDays), ("policyApprovalDays", PolicyApprovalDays),
            ("policyCommerceFilingDays", PolicyCommerceFilingDays), ("policyFinanceFilingDays", PolicyFinanceFilingDays),
        ];
        return all.Where(f => f.Days is < MinDays or > MaxDays).Select(f => f.Field);
    }
}
