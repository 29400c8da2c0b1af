namespace Kefu.Core.Field;

/// <summary>A technician as the suggestion sees them.</summary>
public sealed record TechnicianCandidate(
    string Id,
    string Name,
    TechnicianState State,
    IReadOnlyCollection<string> Skills,
    GeoPoint? Position,
    DateTimeOffset? PositionAt,
    int OpenJobs);

/// <summary>One ranked technician with the reasons behind the rank (shown on the board).</summary>
public sealed record Suggestion(TechnicianCandidate Technician, double Score, bool SkillMatch, double? DistanceKm, bool PositionKnown, int OpenJobs);

/// <summary>FLD-06: the suggested technician for a job, ranked by skill match, distance and load.</summary>
public static class DispatchRanking
{
    /// <summary>
    /// Technicians on duty ranked best first: a missing skill weighs <see cref="FieldPolicy.RankMissingSkill"/>,
    /// each kilometre <see cref="FieldPolicy.RankPerKilometre"/>, each open job <see cref="FieldPolicy.RankPerOpenJob"/>.
    /// A position unknown or older than <see cref="FieldPolicy.PositionFreshMinutes"/> counts as
    /// <see cref="FieldPolicy.UnknownDistanceKm"/>. Ties go to the lighter load, then the name.
    /// </summary>
    public static IReadOnlyList<Suggestion> Rank(string? skill, GeoPoint? site, IEnumerable<TechnicianCandidate> technicians, DateTimeOffset now, FieldPolicy policy, int take = 5)
    {
        ArgumentNullException.ThrowIfNull(technicians);
        var fresh = TimeSpan.FromMinutes(Math.Max(0, policy.PositionFreshMinutes));
        var ranked = new List<Suggestion>();
        foreach (var technician in technicians)
        {
            if (technician.State == TechnicianState.OffDuty)
            {
                continue;
            }

            var skillMatch = string.IsNullOrWhiteSpace(skill) || technician.Skills.Any(s => string.Equals(s.Trim(), skill.Trim(), StringComparison.OrdinalIgnoreCase));
            var known = technician.Position is { IsValid: true } && technician.PositionAt is { } at && now - at <= fresh && site is { IsValid: true };
            double? distance = known ? technician.Position!.Value.KilometresTo(site!.Value) : null;
            var score = (skillMatch ? 0 : policy.RankMissingSkill)
                + policy.RankPerKilometre * (distance ?? policy.UnknownDistanceKm)
                + policy.RankPerOpenJob * technician.OpenJobs;
            ranked.Add(new Suggestion(technician, Math.Round(score, 3), skillMatch, distance is { } d ? Math.Round(d, 1) : null, known, technician.OpenJobs));
        }

        return ranked.OrderBy(s => s.Score).ThenBy(s => s.OpenJobs).ThenBy(s => s.Technician.Name, StringComparer.Ordinal).ThenBy(s => s.Technician.Id, StringComparer.Ordinal)
            .Take(Math.Max(1, take)).ToList();
    }

    /// <summary>Skills as people type them: comma, 、, ；or space separated.</summary>
    public static IReadOnlyList<string> ParseSkills(string? skills) =>
        string.IsNullOrWhiteSpace(skills) ? [] : skills.Split([',', '，', '、', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
