using Kefu.Core.Calendar;

namespace Kefu.Core.Receivables;

/// <summary>How an invoice is settled: retail pays within working days (AR-03), key accounts monthly (AR-02).</summary>
public enum InvoiceSettlement
{
    Retail,
    Monthly,
}

/// <summary>When an invoice is due.</summary>
public static class DueDates
{
    /// <summary>
    /// AR-03: a retail invoice is due on the policy's N-th working day after the invoice date on the
    /// customer's centre calendar (the invoice date itself does not count; holidays do not, make-up
    /// days do).
    /// </summary>
    public static DateOnly RetailDueDate(DateOnly invoiceDate, WorkingCalendar calendar, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        return calendar.AddWorkingDays(invoiceDate, policy.RetailDueWorkingDays);
    }

    /// <summary>AR-02/06: a monthly-settled invoice is due after the customer's payment cycle in calendar days (the policy's default when it has none).</summary>
    public static DateOnly MonthlyDueDate(DateOnly invoiceDate, int? paymentCycleDays, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var days = paymentCycleDays is > 0 and <= 3650 ? paymentCycleDays.Value : policy.DefaultPaymentCycleDays;
        return invoiceDate.AddDays(days);
    }

    public static DateOnly DueDate(InvoiceSettlement settlement, DateOnly invoiceDate, int? paymentCycleDays, WorkingCalendar calendar, ReceivablesPolicy policy) =>
        settlement switch
        {
            InvoiceSettlement.Retail => RetailDueDate(invoiceDate, calendar, policy),
            InvoiceSettlement.Monthly => MonthlyDueDate(invoiceDate, paymentCycleDays, policy),
        };
}
