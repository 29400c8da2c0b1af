namespace Kefu.Core.Customers;

/// <summary>One of a customer's contacts or addresses, as the primary rule sees it: its id (creation order) and whether it is the primary.</summary>
public readonly record struct PrimaryEntry(int Id, bool IsPrimary);

/// <summary>Why a change to a customer's contacts or addresses is refused (CUS-01).</summary>
public enum PrimaryRefusal
{
    /// <summary>The primary cannot be unmarked by itself: another entry is made primary instead, which moves the mark.</summary>
    CannotUnsetPrimary,
}

/// <summary>
/// CUS-01: a customer has several contacts and several addresses, and exactly one of each is the
/// primary whenever there is any. The primary is the one the rest of the system uses (the contact
/// on orders, statements and jobs; the address on the profile), so it is never left unset: the
/// first entry is primary, marking another moves the mark (never two), and removing the primary
/// hands it to the oldest that remains.
/// </summary>
public static class PrimaryEntries
{
    public const string RuleId = "CUS-01";

    /// <summary>Whether a new entry is the primary: the first always is; a later one when the caller asks.</summary>
    public static bool OnAdd(int existingCount, bool? requested) => existingCount == 0 || requested == true;

    /// <summary>Whether the entry is primary after an edit, or why the edit is refused.</summary>
    public static (bool IsPrimary, PrimaryRefusal? Refusal) OnEdit(bool wasPrimary, bool? requested) => (wasPrimary, requested) switch
    {
        (true, false) => (true, PrimaryRefusal.CannotUnsetPrimary),
        (false, true) => (true, null),
        _ => (wasPrimary, null),
    };

    /// <summary>
    /// The entries after one of them is made primary: that one is marked, every other unmarked, so
    /// there is exactly one. Unknown ids change nothing.
    /// </summary>
    public static IReadOnlyList<PrimaryEntry> MakePrimary(IReadOnlyList<PrimaryEntry> entries, int id) =>
        entries.All(e => e.Id != id) ? entries : entries.Select(e => e with { IsPrimary = e.Id == id }).ToArray();

    /// <summary>
    /// The entries after one is removed: when it was the primary, the oldest remaining (lowest id)
    /// takes the mark; an empty list has no primary.
    /// </summary>
    public static IReadOnlyList<PrimaryEntry> Remove(IReadOnlyList<PrimaryEntry> entries, int id)
    {
        var removed = entries.FirstOrDefault(e => e.Id == id);
        var rest = entries.Where(e => e.Id != id).OrderBy(e => e.Id).ToArray();
        return removed.IsPrimary && rest.Length > 0 ? MakePrimary(rest, rest[0].Id) : rest;
    }

    /// <summary>
    /// The invariant itself, for entries however they came to be (an import, a merge, old data):
    /// the one primary kept (the oldest if several claim it), or the oldest made primary when none does.
    /// </summary>
    public static IReadOnlyList<PrimaryEntry> Normalize(IReadOnlyList<PrimaryEntry> entries)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        var ordered = entries.OrderBy(e => e.Id).ToArray();
        var primary = ordered.FirstOrDefault(e => e.IsPrimary) is { Id: var p } found && found.IsPrimary ? p : ordered[0].Id;
        return MakePrimary(ordered, primary);
    }
}
