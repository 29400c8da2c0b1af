using Kefu.Web.Platform.Http;

namespace Kefu.Web.Modules.Training.Contracts;

/// <summary>
/// TRN-04, the one on-duty check every module calls before it gives a person customers,
/// incidents, cases or field jobs. A refusal is a field error (400) that says why, in words.
/// </summary>
public interface IOnDutyGate
{
    /// <summary>The reason (a message key) the person is not on duty, or null when they are.</summary>
    Task<string?> WhyNotOnDutyAsync(string userId, CancellationToken ct);

    /// <summary>Adds the refusal to <paramref name="problems"/> under <paramref name="field"/> when the person is not on duty; true when refused.</summary>
    Task<bool> RefuseUnlessOnDutyAsync(string userId, string field, ProblemBuilder problems, CancellationToken ct);

    /// <summary>The reasons of those of <paramref name="userIds"/> who are not on duty (staff lists).</summary>
    Task<IReadOnlyDictionary<string, string>> ReasonsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct);
}

/// <summary>TRN-04: the staff module tells training that a person was created as a new employee.</summary>
public interface IOnboarding
{
    /// <summary>Marks the person a new employee: not on duty until they pass the onboarding exam. Saved with the caller's next save.</summary>
    void Enrol(string userId);
}
