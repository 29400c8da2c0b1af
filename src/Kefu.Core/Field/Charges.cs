using Kefu.Core.Calendar;

namespace Kefu.Core.Field;

using Money = Kefu.Core.Money.Money;

/// <summary>Why a job is or is not charged, shown to the technician and printed on the sheet.</summary>
public enum ChargeReason
{
    /// <summary>CHG-01: the hardware is within the manufacturer's warranty.</summary>
    UnderWarranty,

    /// <summary>CHG-01: the manufacturer's warranty has ended.</summary>
    WarrantyEnded,

    /// <summary>CHG-01: no warranty end is recorded for the device: charged by the price list unless disputed.</summary>
    NoWarrantyOnRecord,

    /// <summary>CHG-02 policy A: one of the customer's free on-site software visits.</summary>
    FreeSoftwareVisit,

    /// <summary>CHG-02 policy A: the free visits are used up.</summary>
    FreeVisitsUsedUp,

    /// <summary>CHG-02 policy B: within the free working days of normal use.</summary>
    WithinFreePeriod,

    /// <summary>CHG-02 policy B: the free period of normal use has passed.</summary>
    FreePeriodPassed,

    /// <summary>CHG-02 policy B: no installation date is known: charged unless disputed.</summary>
    NoInstallationOnRecord,

    /// <summary>CHG-04: the cooperation form says free.</summary>
    CooperationFormFree,

    /// <summary>CHG-04: the cooperation form says charged.</summary>
    CooperationFormCharged,

    /// <summary>CHG-04: the cooperation form says nothing: the salesperson decides (as a dispute).</summary>
    CooperationFormSilent,

    /// <summary>CHG-03: the salesperson (or sales leadership) decided free.</summary>
    DecidedFree,

    /// <summary>CHG-03: the salesperson (or sales leadership) decided charged.</summary>
    DecidedCharged,
}

/// <summary>What the charge rules need to know about a finished job.</summary>
public sealed record ChargeFacts(
    IssueKind Issue,
    DateOnly ServiceDate,
    DateOnly? WarrantyEnd = null,
    int EarlierSoftwareVisits = 0,
    DateOnly? NormalUseSince = null,
    bool? CooperationFormCharged = null);

/// <summary>The decision: charged or not, why, and the amount (zero when free).</summary>
public sealed record ChargeDecision(bool Charged, ChargeReason Reason, Money Amount)
{
    /// <summary>Policy A: which free visit this is (1-based); policy B: the last free day. Null otherwise.</summary>
    public int? FreeVisitNumber { get; init; }

    public DateOnly? FreeUntil { get; init; }

    /// <summary>The decision must come from the salesperson before the amount is final (CHG-03/04).</summary>
    public bool NeedsSalesDecision => Reason is ChargeReason.CooperationFormSilent;
}

/// <summary>CHG-01..04 (seed 002 服務收費管理制度).</summary>
public static class Charges
{
    /// <summary>
    /// The charge of a finished job. <paramref name="priceList"/> is what the price list (服务收费标准)
    /// gives for the work and parts; it is charged in full or not at all.
    /// </summary>
    public static ChargeDecision Decide(ChargeFacts facts, Money priceList, FieldPolicy policy, WorkingCalendar calendar)
    {
        ChargeDecision Free(ChargeReason reason) => new(false, reason, Money.Zero);
        ChargeDecision Charge(ChargeReason reason) => new(true, reason, priceList);

        switch (facts.Issue)
        {
            case IssueKind.Hardware:
                // CHG-01: the warranty's last day is still covered.
                return facts.WarrantyEnd is not { } end ? Charge(ChargeReason.NoWarrantyOnRecord)
                    : facts.ServiceDate <= end ? Free(ChargeReason.UnderWarranty)
                    : Charge(ChargeReason.WarrantyEnded);

            case IssueKind.Software when policy.SoftwarePolicy == SoftwareChargePolicy.FreeVisits:
                // CHG-02 policy A: "每個客戶允許三次無償上門服務,超過三次的,均做有償服務處理".
                var number = facts.EarlierSoftwareVisits + 1;
                return number <= policy.FreeSoftwareVisits
                    ? Free(ChargeReason.FreeSoftwareVisit) with { FreeVisitNumber = number }
                    : Charge(ChargeReason.FreeVisitsUsedUp);

            case IssueKind.Software:
                // CHG-02 policy B: "在正常使用15個工作日之內無償上門服務": the day normal use starts is day 0.
                if (facts.NormalUseSince is not { } since)
                {
                    return Charge(ChargeReason.NoInstallationOnRecord);
                }

                var last = FreeUntil(since, policy, calendar);
                return facts.ServiceDate <= last
                    ? Free(ChargeReason.WithinFreePeriod) with { FreeUntil = last }
                    : Charge(ChargeReason.FreePeriodPassed) with { FreeUntil = last };

            default:
                // CHG-04: "憑當項《配合單》上註明的收費與否為準".
                return facts.CooperationFormCharged switch
                {
                    true => Charge(ChargeReason.CooperationFormCharged),
                    false => Free(ChargeReason.CooperationFormFree),
                    null => new ChargeDecision(false, ChargeReason.CooperationFormSilent, Money.Zero),
                };
        }
    }

    /// <summary>CHG-02 policy B: the last free day, that many working days after normal use starts on the calendar (holidays skipped, make-up days counted).</summary>
    public static DateOnly FreeUntil(DateOnly normalUseSince, FieldPolicy policy, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(normalUseSince, Math.Max(0, policy.FreeSoftwareWorkingDays));

    /// <summary>CHG-03: the salesperson's decision replaces the rule's; the engineer follows it.</summary>
    public static ChargeDecision Decided(bool charge, Money priceList) =>
        charge ? new ChargeDecision(true, ChargeReason.DecidedCharged, priceList) : new ChargeDecision(false, ChargeReason.DecidedFree, Money.Zero);
}
