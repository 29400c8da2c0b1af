using Kefu.Core.Money;
using Kefu.Web.Data;
using Kefu.Web.Modules.Performance.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

internal sealed class PenaltyLedger(KefuDbContext db, TimeProvider clock) : IPenaltyLedger
{
    public async Task<int> RecordAsync(IEnumerable<LedgerLine> lines, string? by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var month = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var added = 0;
        foreach (var line in lines)
        {
            var exists = await db.Set<LedgerEntry>().AnyAsync(e => e.PersonId == line.PersonId && e.RuleId == line.RuleId && e.Reason == line.Reason
                && e.EvidenceType == line.EvidenceType && e.EvidenceId == line.EvidenceId, ct)
                || db.ChangeTracker.Entries<LedgerEntry>().Any(e => e.Entity.PersonId == line.PersonId && e.Entity.RuleId == line.RuleId
                    && e.Entity.Reason == line.Reason && e.Entity.EvidenceType == line.EvidenceType && e.Entity.EvidenceId == line.EvidenceId);
            if (exists)
            {
                continue;
            }

            var path = await db.Users.Where(u => u.Id == line.PersonId).Select(u => u.OrgPath).SingleOrDefaultAsync(ct) ?? "/";
            db.Add(new LedgerEntry
            {
                PersonId = line.PersonId, OrgPath = path, Month = month, RuleId = line.RuleId, Reason = line.Reason,
                AmountFen = Money.FromYuan(line.AmountYuan).Fen, ForcedRating = line.ForcedRating, EvidenceType = line.EvidenceType,
                EvidenceId = line.EvidenceId, Note = line.Note, CreatedAt = now.UtcDateTime, CreatedBy = by,
            });
            added++;
        }

        return added;
    }

    public async Task<IReadOnlyList<RecordedLine>> ForEvidenceAsync(string ruleId, string reason, string evidenceType, string evidenceId, CancellationToken ct) =>
        (await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.RuleId == ruleId && e.Reason == reason && e.EvidenceType == evidenceType && e.EvidenceId == evidenceId).OrderBy(e => e.Id).ToListAsync(ct))
        .Select(e => new RecordedLine(e.PersonId, e.RuleId, e.Reason, new Money(e.AmountFen).Yuan, e.Note, e.CreatedAt, e.CreatedBy))
        .ToList();
}
