namespace Kefu.Core.Expenses;

/// <summary>Why a fine is due (EXP-09).</summary>
public enum FineReason
{
    /// <summary>Claiming what was not spent: the line is not paid, claimant and supervisor fined, claimant rated C.</summary>
    FalseClaim,

    /// <summary>Non-compliant, missing, invalid or fake receipts.</summary>
    BadReceipts,

    /// <summary>Submitted after the deadline: not reimbursed (no money fine).</summary>
    LateSubmission,

    /// <summary>The HQ auditor reviewed late: per working day per branch.</summary>
    AuditorLate,
}

/// <summary>A fine to record for Performance (PERF-06): who, how much, under which rule, and the forced rating if any.</summary>
public sealed record FineEntry(string RuleId, FineReason Reason, string PersonId, decimal AmountYuan, string? ForcedRating = null);

/// <summary>EXP-09's penalties, computed from the policy.</summary>
public static class ExpenseFines
{
    public static IReadOnlyList<FineEntry> For(FineReason reason, string claimantId, string? supervisorId, ExpensePolicy policy)
    {
        return reason switch
        {
            FineReason.FalseClaim => Pair(policy.FalseClaimFineYuan, "C"),
            FineReason.BadReceipts => Pair(policy.ReceiptFineYuan, null),
            FineReason.LateSubmission => [new FineEntry("EXP-09", reason, claimantId, 0m)],
            FineReason.AuditorLate => throw new ArgumentException("Use AuditorLate for the auditor's fine.", nameof(reason)),
        };

        // The claimant and the supervisor who let it through, each; only the claimant's rating is forced.
        FineEntry[] Pair(decimal amount, string? rating) =>
            supervisorId is null || supervisorId == claimantId
                ? [new FineEntry("EXP-09", reason, claimantId, amount, rating)]
                : [new FineEntry("EXP-09", reason, claimantId, amount, rating), new FineEntry("EXP-09", reason, supervisorId, amount)];
    }

    /// <summary>EXP-09: 20 CNY per working day late, per branch whose forms waited (holidays excepted: working days only).</summary>
    public static FineEntry AuditorLate(string auditorId, int workingDaysLate, int branches, ExpensePolicy policy) =>
        new("EXP-09", FineReason.AuditorLate, auditorId, policy.AuditorLateFinePerDayYuan * Math.Max(0, workingDaysLate) * Math.Max(0, branches));
}
