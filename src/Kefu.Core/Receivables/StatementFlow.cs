namespace Kefu.Core.Receivables;

/// <summary>Where a month-end statement (对账单, AR-02/06) stands.</summary>
public enum StatementStatus
{
    /// <summary>Built (月末汇总), waiting for the manager's review.</summary>
    Summarised,

    /// <summary>Sent back to its builder by the manager, finance or the customer (dispute), with the reason.</summary>
    Returned,

    /// <summary>The manager approved it; waiting for finance's check.</summary>
    Reviewed,

    /// <summary>Finance checked it; CS may send it to the customer.</summary>
    Checked,

    /// <summary>Emailed to the customer's contact; waiting for the customer to confirm the amounts.</summary>
    Sent,

    /// <summary>The customer confirmed the amounts: the invoice may be recorded.</summary>
    Confirmed,

    /// <summary>The invoice is recorded against it.</summary>
    Invoiced,

    /// <summary>The invoice reached the customer (finance's collector, or signed out by CS).</summary>
    Delivered,

    /// <summary>Paid in full and written off by finance: closed.</summary>
    WrittenOff,

    /// <summary>Withdrawn with a reason; its lines are free for another statement. Kept, never deleted.</summary>
    Withdrawn,
}

/// <summary>The moves on a statement, each its own step with who and when.</summary>
public enum StatementAction
{
    Build,
    Approve,
    Return,
    Check,
    Send,
    Confirm,
    Dispute,
    Resubmit,
    RecordInvoice,
    Deliver,
    WriteOff,
    Withdraw,
}

/// <summary>Who builds a customer's statement (AR-06: key accounts by CS, others by finance).</summary>
public enum StatementBuilder
{
    CustomerService,
    Finance,
}

/// <summary>
/// AR-02/AR-06: the month-end reconciliation in its order — summary → manager review → finance check
/// → sent to the customer → customer confirms → invoice recorded → delivered → paid → written off.
/// A return (manager or finance) or a dispute (customer) sends it back to its builder; withdrawal
/// frees its lines while no live invoice stands on it.
/// </summary>
public static class StatementFlow
{
    /// <summary>AR-06: monthly-settled key accounts are built by CS (the coordinator), the others by finance.</summary>
    public static StatementBuilder BuilderFor(bool monthlySettled) => monthlySettled ? StatementBuilder.CustomerService : StatementBuilder.Finance;

    /// <summary>
    /// The status after <paramref name="action"/>, or null when the order does not allow it now.
    /// Write-off and withdrawal have their own conditions (<see cref="WriteOffAllowed"/>, <see cref="WithdrawAllowed"/>).
    /// </summary>
    public static StatementStatus? StepsInOrder(StatementStatus current, StatementAction action) => (current, action) switch
    {
        (StatementStatus.Summarised, StatementAction.Approve) => StatementStatus.Reviewed,
        (StatementStatus.Summarised, StatementAction.Return) => StatementStatus.Returned,
        (StatementStatus.Reviewed, StatementAction.Check) => StatementStatus.Checked,
        (StatementStatus.Reviewed, StatementAction.Return) => StatementStatus.Returned,
        (StatementStatus.Returned, StatementAction.Resubmit) => StatementStatus.Summarised,
        (StatementStatus.Checked, StatementAction.Send) => StatementStatus.Sent,

        // Sent again (a new contact, a lost mail) keeps it waiting for the customer.
        (StatementStatus.Sent, StatementAction.Send) => StatementStatus.Sent,
        (StatementStatus.Sent, StatementAction.Confirm) => StatementStatus.Confirmed,
        (StatementStatus.Sent, StatementAction.Dispute) => StatementStatus.Returned,
        (StatementStatus.Confirmed, StatementAction.RecordInvoice) => StatementStatus.Invoiced,
        (StatementStatus.Invoiced, StatementAction.Deliver) => StatementStatus.Delivered,
        (StatementStatus.Delivered, StatementAction.WriteOff) => StatementStatus.WrittenOff,
        _ => null,
    };

    /// <summary>AR-06: finance writes off only a delivered statement whose invoice is paid in full (nothing open, to the fen).</summary>
    public static bool WriteOffAllowed(StatementStatus current, long openFen) => current == StatementStatus.Delivered && openFen == 0;

    /// <summary>
    /// A wrong statement is withdrawn (never deleted) until it is closed; once an invoice stands on it,
    /// the invoice is reversed first so that no live invoice points at a withdrawn statement.
    /// </summary>
    public static bool WithdrawAllowed(StatementStatus current, bool liveInvoice) =>
        current is not (StatementStatus.WrittenOff or StatementStatus.Withdrawn) && !liveInvoice;

    /// <summary>The statement's total: the exact sum of its lines in fen.</summary>
    public static long TotalFen(IEnumerable<long> lineFen)
    {
        ArgumentNullException.ThrowIfNull(lineFen);
        return lineFen.Aggregate(0L, (sum, fen) => checked(sum + fen));
    }

    /// <summary>The month a sale belongs to: the first and last day of the calendar month of <paramref name="month"/>.</summary>
    public static (DateOnly First, DateOnly Last) MonthRange(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}
