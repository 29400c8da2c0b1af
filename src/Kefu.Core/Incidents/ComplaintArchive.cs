namespace Kefu.Core.Incidents;

/// <summary>Why a complaint's named person or its callback is refused (VIS-04, EXC-10).</summary>
public enum ComplaintArchiveRefusal
{
    /// <summary>A staff member and an outside name were both given: the complaint names one person.</summary>
    StaffAndName,

    /// <summary>The callback follows the handling: the incident is not closed and no plan went to the customer yet.</summary>
    NotHandled,

    /// <summary>The callback says whether the complainant is satisfied.</summary>
    SatisfactionMissing,

    /// <summary>The callback is before the complaint was received.</summary>
    BeforeReceived,
}

/// <summary>
/// The complaint archive (投诉处理档案, EXC-10, seed 003 客服部职责 "对各区域业主投诉处理情况进行跟踪、回访,
/// 建立业主投诉处理档案"): a complaint names the person complained about, a staff member of the
/// organisation or someone outside Kefu by name, so complaints per technician (VIS-04, PERF-02) count
/// the person; after handling, the complainant is called back and the outcome is kept.
/// </summary>
public static class ComplaintArchive
{
    /// <summary>VIS-04: the person complained about is a staff member or a name, not both.</summary>
    public static IReadOnlyList<ComplaintArchiveRefusal> RefusalsToName(string? staffId, string? outsideName) =>
        !string.IsNullOrWhiteSpace(staffId) && !string.IsNullOrWhiteSpace(outsideName) ? [ComplaintArchiveRefusal.StaffAndName] : [];

    /// <summary>
    /// VIS-04 / PERF-02: complaints per staff member: the customer complaints that name a staff member,
    /// counted per person. An outside name or no name counts for nobody, and other incident types
    /// (a delay, damage) are no complaint about a person.
    /// </summary>
    public static IReadOnlyDictionary<string, int> PerPerson(IEnumerable<(IncidentType Type, string? StaffId)> incidents) =>
        incidents.Where(i => i.Type == IncidentType.CustomerComplaint && !string.IsNullOrWhiteSpace(i.StaffId))
            .GroupBy(i => i.StaffId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// EXC-10: every reason the callback to the complainant may not be recorded now; empty means it
    /// may. It follows the handling (the incident closed, or the corrective plan sent to the customer),
    /// says whether the complainant is satisfied, and is not before the complaint. A second callback
    /// (the complainant was not satisfied, and was called again) is recorded like the first.
    /// </summary>
    public static IReadOnlyList<ComplaintArchiveRefusal> RefusalsToCallBack(bool closed, bool planSent, bool? satisfied, DateTimeOffset calledAt, DateTimeOffset receivedAt)
    {
        var refusals = new List<ComplaintArchiveRefusal>();
        if (!closed && !planSent)
        {
            refusals.Add(ComplaintArchiveRefusal.NotHandled);
        }

        if (satisfied is null)
        {
            refusals.Add(ComplaintArchiveRefusal.SatisfactionMissing);
        }

        if (calledAt < receivedAt)
        {
            refusals.Add(ComplaintArchiveRefusal.BeforeReceived);
        }

        return refusals;
    }
}
