namespace Kefu.Core.Expenses;

/// <summary>
/// EXP-12: the paper forms' way to HQ is part of the chain (seed 000, 报销审核流程 2) and 注明): the
/// branch GM signs every form before the centre mails its batch; the detail list, the summary and the
/// non-CS list go to the HQ auditor by email; HQ does not accept an incomplete batch; the auditor's
/// clock runs from the paper's arrival, not while it is in the post; a centre that sends late is not
/// reimbursed for that batch (考核规定 3), and the CS manager is alarmed.
/// </summary>
public static class PaperFlow
{
    /// <summary>The chain step whose approval is the branch GM's signature on the form.</summary>
    public const string GmStep = "branch-gm";

    /// <summary>The chain step of the HQ expense auditor.</summary>
    public const string AuditorStep = "auditor";

    /// <summary>
    /// Whether the branch GM has signed a form: its chain is approved, or it has moved past the GM's
    /// step. A chain an administrator set up without the GM's step has nothing to sign.
    /// </summary>
    public static bool SignedByBranchGm(IReadOnlyList<string> stepKeys, int currentIndex, FormChainState state)
    {
        switch (state)
        {
            case FormChainState.Approved:
                return true;
            case FormChainState.Pending:
                var gm = IndexOf(stepKeys, GmStep);
                return gm < 0 || currentIndex > gm;
            default:
                return false;
        }
    }

    /// <summary>
    /// Mailing a batch: refused while it holds no form to send or a form the branch GM has not signed
    /// (HQ would not accept it). Rejected forms stay in the detail list but need no signature.
    /// </summary>
    public static MailCheck CheckForMailing(IEnumerable<BatchForm> forms)
    {
        var list = forms.ToList();
        var unsigned = list.Where(f => f.State is FormChainState.Pending or FormChainState.Returned && !f.SignedByGm)
            .Select(f => f.Number).ToArray();
        var toSend = list.Count(f => f.State != FormChainState.Rejected);
        return new MailCheck(toSend > 0 && unsigned.Length == 0, toSend == 0, unsigned);
    }

    /// <summary>
    /// A batch is late when it is mailed after its batch day (already moved past holidays, EXP-06)
    /// plus the grace the policy allows, counted in calendar days on the centre's date.
    /// </summary>
    public static bool IsLate(DateOnly batchDate, DateOnly mailedOn, int graceDays) => mailedOn > batchDate.AddDays(Math.Max(0, graceDays));

    /// <summary>
    /// The auditor's deadline waits while the form's paper is in a batch HQ has not received yet;
    /// a form in no batch (or already received) starts it at once. The policy may turn this off.
    /// </summary>
    public static bool AuditorClockHeld(bool inBatch, bool received, ExpensePolicy policy) =>
        policy.PaperReceiptStartsAuditorClock && inBatch && !received;

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Where a form's chain stands, as the paper flow needs it.</summary>
public enum FormChainState
{
    Pending,
    Approved,
    Returned,
    Rejected,
}

/// <summary>A form of a batch: its display number, its chain state and whether the branch GM signed it.</summary>
public sealed record BatchForm(string Number, FormChainState State, bool SignedByGm);

/// <summary>The answer to "may this batch be mailed": the forms still waiting for the GM's signature.</summary>
public sealed record MailCheck(bool MayMail, bool Empty, IReadOnlyList<string> AwaitingSignature);
