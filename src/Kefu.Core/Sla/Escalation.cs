using Kefu.Core.Organization;

namespace Kefu.Core.Sla;

/// <summary>Who hears of a breach besides the owner: a named person, or a role resolved through the org tree.</summary>
public sealed record EscalationTarget(string Kind, string Value)
{
    public static EscalationTarget Person(string userId) => new("user", userId);

    public static EscalationTarget ForRole(Role role) => new("role", role.ToString());

    /// <summary>A role that hears already at the warning, before the deadline passes (and again at the breach).</summary>
    public static EscalationTarget AtWarning(Role role) => new("warn-role", role.ToString());

    /// <summary>Whether this target is told at the warning too.</summary>
    public bool AtWarningToo => Kind.StartsWith("warn-", StringComparison.Ordinal);

    /// <summary>"user:ID;role:CentreSupervisor" — the stored form.</summary>
    public static string Format(IEnumerable<EscalationTarget> targets) => string.Join(";", targets.Select(t => $"{t.Kind}:{t.Value}"));

    public static IReadOnlyList<EscalationTarget> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
        : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
              .Select(part => part.Split(':', 2))
              .Where(p => p.Length == 2 && p[0] is "user" or "role" or "warn-role")
              .Select(p => new EscalationTarget(p[0], p[1]))
              .ToArray();

    /// <summary>
    /// SLA-01: a role is resolved relative to the record: the holders of that role whose unit is
    /// the record's unit or one above it (the record's centre supervisor, its branch's GM, head
    /// office's CS manager), the nearest first; only the nearest level is chosen.
    /// </summary>
    public static IReadOnlyList<string> ResolveRole(string recordOrgPath, IEnumerable<(string UserId, string OrgPath)> holders)
    {
        var candidates = holders.Where(h => OrgPath.IsWithin(recordOrgPath, h.OrgPath)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var nearest = candidates.Max(h => h.OrgPath.Length);
        return candidates.Where(h => h.OrgPath.Length == nearest).Select(h => h.UserId).Distinct().ToArray();
    }
}
