namespace Kefu.Web.Modules.Performance.Contracts;

/// <summary>A fine or reward to record (PERF-06); the same evidence never counts twice for a person.</summary>
public sealed record LedgerLine(string PersonId, string RuleId, string Reason, decimal AmountYuan, string EvidenceType, string EvidenceId, string? ForcedRating = null, string? Note = null);

/// <summary>The monthly ledger of fines and rewards, for modules that raise them (EXP-09, EXC-08, AR-05, SLA breaches).</summary>
public interface IPenaltyLedger
{
    /// <summary>Adds the lines to the caller's unit of work; returns how many were new.</summary>
    Task<int> RecordAsync(IEnumerable<LedgerLine> lines, string? by, CancellationToken ct);

    /// <summary>The lines a rule raised for a reason from one piece of evidence (an invoice, a claim …), oldest first, for its page.</summary>
    Task<IReadOnlyList<RecordedLine>> ForEvidenceAsync(string ruleId, string reason, string evidenceType, string evidenceId, CancellationToken ct);
}

/// <summary>A line as recorded: the person, rule, amount and when and by whom.</summary>
public sealed record RecordedLine(string PersonId, string RuleId, string Reason, decimal AmountYuan, string? Note, DateTime CreatedAt, string? CreatedBy);
