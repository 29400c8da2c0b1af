using System.Globalization;
using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Incidents;

/// <summary>
/// A cross-region selling case (窜货, EXC-09): who complained about whom, the evidence, and the
/// moments each party acted. Deadlines are not stored: they follow from these moments on the
/// centre's calendar, so a changed policy or calendar applies at once.
/// </summary>
public sealed class CrossRegionCase : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public string Number { get; set; } = "";
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }
    public required string OwnerId { get; set; }
    public required string Complainant { get; set; }
    public required string Offender { get; set; }
    public required string Province { get; set; }
    public string? Products { get; set; }
    public string? BatchNumbers { get; set; }
    public string? SerialNumbers { get; set; }
    public int? Quantity { get; set; }
    public long? PriceFen { get; set; }
    public DateTime ComplaintAt { get; set; }
    public DateTime? EvidenceAt { get; set; }

    /// <summary>The province's written report and declaration received (the 0.5-WD step runs from here).</summary>
    public DateTime? ReportAt { get; set; }

    public DateTime? ToMarketingAt { get; set; }
    public DateTime? GmDecisionAt { get; set; }
    public string? GmDecision { get; set; }
    public long? PenaltyFen { get; set; }
    public DateTime? ProvinceClosingAt { get; set; }
    public DateTime? FinanceToldAt { get; set; }
    public DateTime? AnnouncedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class CrossRegionCaseConfiguration : IEntityTypeConfiguration<CrossRegionCase>
{
    public void Configure(EntityTypeBuilder<CrossRegionCase> builder)
    {
        builder.ToTable("CrossRegionCases");
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.Complainant).HasMaxLength(200);
        builder.Property(c => c.Offender).HasMaxLength(200);
        builder.Property(c => c.Province).HasMaxLength(50);
        builder.Property(c => c.Products).HasMaxLength(300);
        builder.Property(c => c.BatchNumbers).HasMaxLength(500);
        builder.Property(c => c.SerialNumbers).HasMaxLength(1000);
        builder.Property(c => c.GmDecision).HasMaxLength(2000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.OrgPath, c.ComplaintAt });
    }
}

/// <summary>The moments a case records, each by the party that acts.</summary>
public enum CrossRegionMilestone
{
    Evidence,
    Report,
    ToMarketing,
    GmDecision,
    ProvinceClosing,
    FinanceTold,
    Announced,
}

public sealed record CrossRegionInput(
    string? Complainant, string? Offender, string? Province, string? Products, string? BatchNumbers, string? SerialNumbers, int? Quantity, decimal? PriceYuan,
    DateTimeOffset? ComplaintAt);

public sealed record MilestoneInput(CrossRegionMilestone? Milestone, DateTimeOffset? At, string? Text, decimal? PenaltyYuan);

/// <summary>A step's deadline: due from the moment it runs from, and done or not.</summary>
/// <summary>One step's deadline; <c>Unavailable</c> when it could not be computed for this row (logged), so the rest of the list still shows.</summary>
public sealed record CrossRegionDeadline(CrossRegionStep Step, DateTime? DueAt, DateTime? DoneAt, bool Late, bool Unavailable = false);

public sealed record CrossRegionDto(
    int Id, string Number, string Complainant, string Offender, string Province, string? Products, string? BatchNumbers, string? SerialNumbers, int? Quantity,
    decimal? PriceYuan, DateTime ComplaintAt, DateTime? EvidenceAt, DateTime? ReportAt, DateTime? ToMarketingAt, DateTime? GmDecisionAt, string? GmDecision,
    decimal? PenaltyYuan, DateTime? ProvinceClosingAt, DateTime? FinanceToldAt, DateTime? AnnouncedAt, IReadOnlyList<CrossRegionDeadline> Deadlines, string Quarter, int Version);

/// <summary>EXC-09: cases, their working-day deadlines, and the quarterly national ledger.</summary>
public sealed class CrossRegionUseCases(KefuDbContext db, CustomerUseCases customers, PolicyStore policies, CalendarService calendars, NumberSequences sequences, TimeProvider clock, ILogger<CrossRegionUseCases> logger,
    Training.Contracts.IOnDutyGate duty, Kefu.Web.Platform.Sla.SlaService sla)
{
    /// <summary>The SLA timers of a case: one per step, keyed "case id:step".</summary>
    public const string TimerRecordType = nameof(CrossRegionCase);

    public const string TimerRule = "EXC-09";

    public static string TimerKey(int caseId, CrossRegionStep step) => $"{caseId.ToString(CultureInfo.InvariantCulture)}:{step}";

    /// <summary>Cross-region cases are numbered in one company-wide sequence: X000001, X000002…</summary>
    public const string NumberSequence = "CrossRegionCase";

    public static string FormatNumber(long number) => $"X{number:D6}";

    public async Task<CrossRegionDto> ToDtoAsync(CrossRegionCase c, CancellationToken ct)
    {
        var policy = await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, c.OrgPath, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        CrossRegionDeadline Deadline(CrossRegionStep step, DateTime? from, DateTime? done)
        {
            try
            {
                var due = from is { } f ? CrossRegionSelling.DueAt(step, new DateTimeOffset(f, TimeSpan.Zero), calendar, policy).UtcDateTime : (DateTime?)null;
                return new CrossRegionDeadline(step, due, done, due is { } d && (done ?? now) > d);
            }
            catch (ArgumentOutOfRangeException e)
            {
                // One stored row the calendar cannot measure never breaks the whole list.
                logger.LogWarning(e, "Cross-region case {Id}: the {Step} deadline from {From} cannot be computed", c.Id, step, from);
                return new CrossRegionDeadline(step, null, done, Late: false, Unavailable: true);
            }
        }

        return new CrossRegionDto(
            c.Id, c.Number, c.Complainant, c.Offender, c.Province, c.Products, c.BatchNumbers, c.SerialNumbers, c.Quantity, c.PriceFen / 100m, c.ComplaintAt,
            c.EvidenceAt, c.ReportAt, c.ToMarketingAt, c.GmDecisionAt, c.GmDecision, c.PenaltyFen / 100m, c.ProvinceClosingAt, c.FinanceToldAt, c.AnnouncedAt,
            [
                Deadline(CrossRegionStep.Evidence, c.ComplaintAt, c.EvidenceAt),
                Deadline(CrossRegionStep.WrittenReport, c.ComplaintAt, c.ReportAt),
                Deadline(CrossRegionStep.ToMarketingDirector, c.ReportAt, c.ToMarketingAt),
                Deadline(CrossRegionStep.FinanceNotified, c.ProvinceClosingAt, c.FinanceToldAt),
                Deadline(CrossRegionStep.Announcement, c.GmDecisionAt, c.AnnouncedAt),
            ],
            CrossRegionSelling.QuarterOf(DateOnly.FromDateTime(CompanyTime.ToLocal(c.ComplaintAt))).ToString(), c.Version);
    }

    public async Task<(CrossRegionCase? Case, ProblemBuilder Problems)> CreateAsync(ScopeViewer viewer, string userId, CrossRegionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("complainant", input.Complainant).MaxLength("complainant", input.Complainant, 200).Required("offender", input.Offender)
            .MaxLength("offender", input.Offender, 200).Required("province", input.Province).MaxLength("province", input.Province, 50)
            .MaxLength("products", input.Products, 300).MaxLength("batchNumbers", input.BatchNumbers, 500).MaxLength("serialNumbers", input.SerialNumbers, 1000);
        if (input.Quantity is < 0)
        {
            problems.Add("quantity", "Validation.InvalidHere");
        }

        if (input.PriceYuan is < 0 or > 100_000_000m)
        {
            problems.Add("priceYuan", "Validation.InvalidHere");
        }

        var now = clock.GetUtcNow();
        if (input.ComplaintAt > now.AddMinutes(1))
        {
            problems.Add("complaintAt", "Validation.NotInFuture");
        }

        var centre = await customers.CentreAsync(viewer, null, userId, problems, ct);
        // TRN-04: the one who opens a case owns it, so a person not yet on duty cannot take one.
        await duty.RefuseUnlessOnDutyAsync(userId, "ownerId", problems, ct);
        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var c = new CrossRegionCase
        {
            Number = "", OrgPath = centre!.Path, CentreId = centre.Id, OwnerId = userId, Complainant = input.Complainant!.Trim(),
            Offender = input.Offender!.Trim(), Province = input.Province!.Trim(), Products = Trim(input.Products), BatchNumbers = Trim(input.BatchNumbers),
            SerialNumbers = Trim(input.SerialNumbers), Quantity = input.Quantity, PriceFen = input.PriceYuan is { } p ? Money.FromYuan(p).Fen : null,
            ComplaintAt = (input.ComplaintAt ?? now).UtcDateTime, CreatedAt = now.UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        c.Number = FormatNumber(await sequences.NextAsync(NumberSequence, NumberSequences.CompanyWide, ct));
        db.Add(c);
        await db.SaveChangesAsync(ct);
        // EXC-09: the evidence (1 WD) and the written report (3 WD) run from the complaint, warning and escalating like every deadline.
        await StartTimerAsync(c, CrossRegionStep.Evidence, c.ComplaintAt, ct);
        await StartTimerAsync(c, CrossRegionStep.WrittenReport, c.ComplaintAt, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (c, problems);
    }

    /// <summary>Records one moment of the case; each needs the one it follows (no announcement before the GM's decision).</summary>
    /// <remarks>EXC-09: only the GM records the GM's decision (<see cref="CrossRegionSelling.MayRecordGmDecision"/>); anyone else is forbidden.</remarks>
    public async Task<(CrossRegionCase? Case, ProblemBuilder Problems, bool Conflict, bool Forbidden)> RecordAsync(
        ScopeViewer viewer, IReadOnlyList<Role> roles, int id, MilestoneInput input, int? version, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var c = await db.Set<CrossRegionCase>().VisibleTo(viewer).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return (null, problems, false, false);
        }

        if (input.Milestone == CrossRegionMilestone.GmDecision && !CrossRegionSelling.MayRecordGmDecision(roles))
        {
            return (c, problems, false, true);
        }

        var (found, conflict) = await RecordCheckedAsync(c, input, version, problems, ct);
        return (found, problems, conflict, false);
    }

    private async Task<(CrossRegionCase Case, bool Conflict)> RecordCheckedAsync(CrossRegionCase c, MilestoneInput input, int? version, ProblemBuilder problems, CancellationToken ct)
    {
        if (version is { } v && v != c.Version)
        {
            return (c, true);
        }

        var now = clock.GetUtcNow();
        var at = (input.At ?? now).UtcDateTime;
        if (input.At > now.AddMinutes(1))
        {
            problems.Add("at", "Validation.NotInFuture");
        }

        problems.MaxLength("text", input.Text, 2000);
        DateTime? after = input.Milestone switch
        {
            CrossRegionMilestone.Evidence or CrossRegionMilestone.Report => c.ComplaintAt,
            CrossRegionMilestone.ToMarketing => c.ReportAt,
            CrossRegionMilestone.GmDecision => c.ToMarketingAt,
            CrossRegionMilestone.ProvinceClosing => c.GmDecisionAt,
            CrossRegionMilestone.FinanceTold => c.ProvinceClosingAt,
            CrossRegionMilestone.Announced => c.GmDecisionAt,
            _ => null,
        };
        if (input.Milestone is not { } milestone || !Enum.IsDefined(milestone))
        {
            problems.Add("milestone", "Validation.RequiredHere");
        }
        else if (after is null)
        {
            problems.Add("milestone", "CrossRegion.OutOfOrder");
        }
        else if (at < after)
        {
            problems.Add("at", "CrossRegion.BeforePrevious");
        }

        if (input.PenaltyYuan is < 0 or > 100_000_000m)
        {
            problems.Add("penaltyYuan", "Validation.InvalidHere");
        }

        if (problems.HasErrors)
        {
            return (c, false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        switch (input.Milestone!.Value)
        {
            case CrossRegionMilestone.Evidence: c.EvidenceAt = at; break;
            case CrossRegionMilestone.Report: c.ReportAt = at; break;
            case CrossRegionMilestone.ToMarketing: c.ToMarketingAt = at; break;
            case CrossRegionMilestone.GmDecision:
                c.GmDecisionAt = at;
                c.GmDecision = Trim(input.Text) ?? c.GmDecision;
                c.PenaltyFen = input.PenaltyYuan is { } p ? Money.FromYuan(p).Fen : c.PenaltyFen;
                break;
            case CrossRegionMilestone.ProvinceClosing: c.ProvinceClosingAt = at; break;
            case CrossRegionMilestone.FinanceTold: c.FinanceToldAt = at; break;
            default: c.AnnouncedAt = at; break;
        }

        await MoveTimersAsync(c, input.Milestone.Value, at, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (c, false);
    }

    /// <summary>EXC-09: a recorded moment stops the step it completes and starts the step that runs from it.</summary>
    private async Task MoveTimersAsync(CrossRegionCase c, CrossRegionMilestone milestone, DateTime at, CancellationToken ct)
    {
        (CrossRegionStep? Stops, CrossRegionStep? Starts) move = milestone switch
        {
            CrossRegionMilestone.Evidence => (CrossRegionStep.Evidence, null),
            CrossRegionMilestone.Report => (CrossRegionStep.WrittenReport, CrossRegionStep.ToMarketingDirector),
            CrossRegionMilestone.ToMarketing => (CrossRegionStep.ToMarketingDirector, null),
            CrossRegionMilestone.GmDecision => (null, CrossRegionStep.Announcement),
            CrossRegionMilestone.ProvinceClosing => (null, CrossRegionStep.FinanceNotified),
            CrossRegionMilestone.FinanceTold => (CrossRegionStep.FinanceNotified, null),
            _ => (CrossRegionStep.Announcement, null),
        };
        if (move.Stops is { } stops)
        {
            await sla.StopAsync(TimerRecordType, TimerKey(c.Id, stops), TimerRule, ct);
        }

        if (move.Starts is { } starts)
        {
            // A moment recorded again restarts its step from the new moment.
            await sla.StopAsync(TimerRecordType, TimerKey(c.Id, starts), TimerRule, ct);
            await StartTimerAsync(c, starts, at, ct);
        }
    }

    private async Task StartTimerAsync(CrossRegionCase c, CrossRegionStep step, DateTime from, CancellationToken ct)
    {
        var policy = await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, c.OrgPath, ct);
        var (target, warning) = CrossRegionSelling.Timer(step, calendar, policy);
        await sla.StartAsync(new Kefu.Web.Platform.Sla.StartTimer(TimerRecordType, TimerKey(c.Id, step), TimerRule,
            Kefu.Web.Platform.Localization.LocalText.Of("SlaName.CrossRegion." + step, c.Number).Store(200), target, c.OwnerId, c.OrgPath,
            [Kefu.Core.Sla.EscalationTarget.ForRole(CrossRegionSelling.EscalatesTo(step))], warning, StartAt: new DateTimeOffset(from, TimeSpan.Zero), Link: "/incidents/cross-region"), ct);
    }

    /// <summary>EXC-09: the national ledger (全国窜货管理台帐) of a quarter, as the sheet that is disclosed.</summary>
    public async Task<byte[]> LedgerAsync(ScopeViewer viewer, LedgerQuarter quarter, Func<string, string> label, CancellationToken ct)
    {
        var (from, to) = (CompanyTime.StartUtc(quarter.FirstDay), CompanyTime.StartUtc(quarter.LastDay.AddDays(1)));
        var cases = await db.Set<CrossRegionCase>().AsNoTracking().VisibleTo(viewer).Where(c => c.ComplaintAt >= from && c.ComplaintAt < to)
            .OrderBy(c => c.ComplaintAt).ToListAsync(ct);
        var rows = new List<CrossRegionDto>();
        foreach (var c in cases)
        {
            rows.Add(await ToDtoAsync(c, ct));
        }

        ExportColumn<CrossRegionDto>[] columns =
        [
            new(label("Incidents.Number"), r => r.Number), new(label("CrossRegion.ComplaintAt"), r => CompanyTime.Format(r.ComplaintAt)),
            new(label("Customers.Province"), r => r.Province), new(label("CrossRegion.Complainant"), r => r.Complainant), new(label("CrossRegion.Offender"), r => r.Offender),
            new(label("CrossRegion.Products"), r => r.Products), new(label("CrossRegion.Batch"), r => r.BatchNumbers), new(label("CrossRegion.Quantity"), r => r.Quantity),
            new(label("CrossRegion.Price"), r => r.PriceYuan), new(label("CrossRegion.Decision"), r => r.GmDecision), new(label("CrossRegion.Penalty"), r => r.PenaltyYuan),
            new(label("CrossRegion.Announced"), r => CompanyTime.Format(r.AnnouncedAt)),
            new(label("CrossRegion.LateSteps"), r => string.Join("、", r.Deadlines.Where(d => d.Late).Select(d => label("CrossRegionStep." + d.Step)))),
        ];
        return TableExport.ToXlsx($"{label("CrossRegion.Ledger")} {quarter}", columns, rows);
    }

    public static LedgerQuarter? ParseQuarter(string? text) =>
        text is { Length: 7 } && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && text[4..6] == "-Q" && text[6] is >= '1' and <= '4'
        && year > Kefu.Core.Calendar.InputRange.FirstDate.Year && year < Kefu.Core.Calendar.InputRange.LastDate.Year
            ? new LedgerQuarter(year, text[6] - '0')
            : null;

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
