using System.Text.RegularExpressions;
using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

/// <summary>A job sheet a claimant may name on an expense line: its number, customer and when it was finished.</summary>
public sealed record JobSheetSuggestion(string Number, string CustomerName, DateTime FinishedAt);

/// <summary>
/// EXP-01's "related work order" fed by the field-service jobs: the claimant's own recent sheet
/// numbers to pick from on the claim form, and the numbers a line names linked to their jobs where
/// the reader may open them. The line keeps free text (several numbers, or an older paper number).
/// </summary>
public static partial class JobSheetNumbers
{
    /// <summary>How far back the form offers finished jobs: a claim covers the past month or two.</summary>
    public const int RecentDays = 60;

    public const int MaxSuggestions = 50;

    /// <summary>The jobs <paramref name="userId"/> did as the technician, finished, signed or closed in the last <see cref="RecentDays"/> days, newest first.</summary>
    public static async Task<IReadOnlyList<JobSheetSuggestion>> RecentAsync(KefuDbContext db, string userId, TimeProvider clock, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays);
        return await db.Set<ServiceJob>().AsNoTracking()
            .Where(j => j.OwnerId == userId && (j.State == JobState.Finished || j.State == JobState.Signed || j.State == JobState.Closed))
            .Where(j => j.FinishedAt != null && j.FinishedAt >= since)
            .OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id).Take(MaxSuggestions)
            .Select(j => new JobSheetSuggestion(j.Number, j.CustomerName, j.FinishedAt!.Value)).ToListAsync(ct);
    }

    /// <summary>The text of a line in pieces: the numbers it names and what stands between them, in order, so it renders as typed.</summary>
    public static IReadOnlyList<(string Text, bool IsNumber)> Pieces(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Separators().Split(text).Where(p => p.Length > 0).Select(p => (p, !Separators().IsMatch(p))).ToArray();

    /// <summary>The jobs named in <paramref name="texts"/> that the reader may open, by number (none for a reader who does not read jobs).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> LinksAsync(KefuDbContext db, CurrentUser current, IEnumerable<string?> texts, CancellationToken ct)
    {
        var numbers = texts.SelectMany(t => Pieces(t)).Where(p => p.IsNumber).Select(p => p.Text).Distinct(StringComparer.Ordinal).Take(200).ToArray();
        if (numbers.Length == 0 || !FieldModule.Readers.Any(current.IsInRole))
        {
            return new Dictionary<string, int>();
        }

        var jobs = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).Where(j => numbers.Contains(j.Number))
            .Select(j => new { j.Number, j.Id }).ToListAsync(ct);
        return jobs.GroupBy(j => j.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(j => j.Id), StringComparer.Ordinal);
    }

    /// <summary>Commas, semicolons (either width), the enumeration comma and white space separate the numbers of a line.</summary>
    [GeneratedRegex(@"([,，;；、\s]+)")]
    private static partial Regex Separators();
}

/// <summary>What the partial _JobNumbers renders: a line's text and the jobs the reader may open, by number.</summary>
public sealed record JobNumbersView(string? Text, IReadOnlyDictionary<string, int> Links);
