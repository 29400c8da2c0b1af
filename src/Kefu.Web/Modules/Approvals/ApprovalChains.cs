using Kefu.Core.Approvals;
using Kefu.Core.Sla;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;

namespace Kefu.Web.Modules.Approvals;

/// <summary>A chain step as an administrator edits it (Settings → Approval chains).</summary>
public sealed record ChainStepDoc(
    string? Key, string? Role, ApproverLevel? Level, SlaUnit? DeadlineUnit, int? DeadlineAmount,
    string? ConditionFact, ConditionOperator? ConditionOperator, decimal? ConditionValue);

public sealed record ChainDoc(string Key, string Name, IReadOnlyList<ChainStepDoc> Steps, bool Customised);

/// <summary>
/// APR-01: chains are data. Each module names its default chain; an administrator's saved version
/// (in the settings store) replaces it, and applies to submissions from then on.
/// </summary>
public sealed class ApprovalChains(PolicyStore store)
{
    private static string StoreKey(string chainKey) => "approvals.chain." + chainKey;

    public async Task<ApprovalChain> GetAsync(ApprovalChain defaults, CancellationToken ct)
    {
        var saved = await store.GetAsync<SavedChain>(StoreKey(defaults.Key), ct);
        return saved.Steps is { Count: > 0 } ? ToChain(defaults.Key, saved.Name ?? defaults.Name, saved.Steps) : defaults;
    }

    public async Task<ChainDoc> DocumentAsync(ApprovalChain defaults, CancellationToken ct)
    {
        var saved = await store.GetAsync<SavedChain>(StoreKey(defaults.Key), ct);
        var chain = await GetAsync(defaults, ct);
        return new ChainDoc(chain.Key, chain.Name, chain.Steps.Select(ToDoc).ToArray(), saved.Steps is { Count: > 0 });
    }

    /// <summary>Validates and saves; every field of a bad step is named ("steps[2].role").</summary>
    public async Task<ProblemBuilder> SaveAsync(string chainKey, string? name, IReadOnlyList<ChainStepDoc>? steps, string? by, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("name", name).MaxLength("name", name, 100);
        var list = steps ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            problems.Required($"steps[{i}].key", s.Key).MaxLength($"steps[{i}].key", s.Key, 32);
            if (!KefuRoles.TryParse(s.Role, out _))
            {
                problems.Add($"steps[{i}].role", "Validation.UnknownRole", s.Role ?? "");
            }

            if (s.Level is not { } level || !Enum.IsDefined(level))
            {
                problems.Add($"steps[{i}].level", "Chain.BadLevel");
            }

            if (s.DeadlineAmount is { } amount && (amount <= 0 || amount > 100_000 || s.DeadlineUnit is null || !Enum.IsDefined(s.DeadlineUnit.Value)))
            {
                problems.Add($"steps[{i}].deadlineAmount", "Chain.BadDeadline");
            }

            if (!string.IsNullOrWhiteSpace(s.ConditionFact) && (s.ConditionOperator is not { } op || !Enum.IsDefined(op) || s.ConditionValue is null))
            {
                problems.Add($"steps[{i}].conditionValue", "Chain.BadCondition");
            }
        }

        if (!problems.HasErrors)
        {
            foreach (var (field, message) in ToChain(chainKey, name!, list).Validate())
            {
                problems.Add(field, "Chain.Invalid", message);
            }
        }

        if (!problems.HasErrors)
        {
            await store.SaveAsync(StoreKey(chainKey), new SavedChain { Name = name!.Trim(), Steps = list.ToList() }, by, ct);
        }

        return problems;
    }

    public Task ResetAsync(string chainKey, string? by, CancellationToken ct) => store.SaveAsync(StoreKey(chainKey), new SavedChain(), by, ct);

    private static ApprovalChain ToChain(string key, string name, IReadOnlyList<ChainStepDoc> steps) => new(key, name, steps.Select(s =>
    {
        var role = KefuRoles.TryParse(s.Role, out var parsed) ? parsed : throw new ArgumentException($"Unknown role '{s.Role}'.", nameof(steps));
        return new ApprovalStep(
            s.Key!.Trim(), role, s.Level ?? ApproverLevel.Company,
            s.DeadlineAmount is { } amount && s.DeadlineUnit is { } unit ? new SlaTarget(unit, amount) : null,
            string.IsNullOrWhiteSpace(s.ConditionFact) ? null : new StepCondition(s.ConditionFact.Trim(), s.ConditionOperator!.Value, s.ConditionValue!.Value));
    }).ToArray());

    private static ChainStepDoc ToDoc(ApprovalStep s) =>
        new(s.Key, KefuRoles.Name(s.Role), s.Level, s.Deadline?.Unit, s.Deadline?.Amount, s.Condition?.Fact, s.Condition?.Operator, s.Condition?.Value);

    private sealed class SavedChain
    {
        public string? Name { get; set; }
        public List<ChainStepDoc>? Steps { get; set; }
    }
}
