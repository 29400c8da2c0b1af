namespace Kefu.Core.Customers;

/// <summary>
/// A CS specialist as assignment sees them: how many customers they own and their ability level as
/// a weight (1 = standard; 2 carries twice as many).
/// </summary>
public sealed record SpecialistLoad(string SpecialistId, int CurrentCustomers, decimal Ability);

/// <summary>
/// CUS-04: the supervisor assigns customers balancing the number each specialist has against their
/// ability level. The suggestion gives each new customer to whoever would have the lowest load per
/// unit of ability after taking it, ties to the fewer customers, then by id, so it is stable.
/// </summary>
public static class AssignmentBalancer
{
    public static IReadOnlyList<(string CustomerId, string SpecialistId)> Suggest(IReadOnlyList<string> customerIds, IReadOnlyList<SpecialistLoad> specialists)
    {
        var usable = specialists.Where(s => s.Ability > 0).ToList();
        if (usable.Count == 0)
        {
            return [];
        }

        var counts = usable.ToDictionary(s => s.SpecialistId, s => s.CurrentCustomers);
        var result = new List<(string, string)>(customerIds.Count);
        foreach (var customer in customerIds)
        {
            var pick = usable
                .OrderBy(s => (counts[s.SpecialistId] + 1) / s.Ability)
                .ThenBy(s => counts[s.SpecialistId])
                .ThenBy(s => s.SpecialistId, StringComparer.Ordinal)
                .First();
            counts[pick.SpecialistId]++;
            result.Add((customer, pick.SpecialistId));
        }

        return result;
    }
}
