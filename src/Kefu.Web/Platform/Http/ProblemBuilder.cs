using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// Collects field errors and turns them into an RFC 7807 validation problem (400) that names
/// each field, so bad input never yields a 500 or a half-saved record.
/// </summary>
public sealed class ProblemBuilder
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _rules = new(StringComparer.Ordinal);

    /// <summary>The rules of REQUIREMENTS.md the messages of each field state (Resources/rules.tsv): in the API's problem, never on screen.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Rules => _rules;

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    /// <summary>Adds the message of resource <paramref name="key"/> (formatted with <paramref name="args"/>) to a field.</summary>
    public ProblemBuilder Add(string field, string key, params object?[] args)
    {
        var message = Text.Get(key, args);
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        if (RuleIds.Of(key) is { Length: > 0 } ids)
        {
            if (!_rules.TryGetValue(field, out var rules))
            {
                _rules[field] = rules = new SortedSet<string>(StringComparer.Ordinal);
            }

            rules.UnionWith(ids);
        }

        return this;
    }

    public ProblemBuilder Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Validation.FieldRequired", Label(field));
        }

        return this;
    }

    public ProblemBuilder MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, "Validation.MaxLength", Label(field), max);
        }

        return this;
    }

    /// <summary>
    /// What people call a field in messages: the resource <c>Field.{name}</c> of its last segment
    /// ("lines[0].date" → Field.date), else the name itself. The problem's key still names the field.
    /// </summary>
    public static string Label(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var key = "Field." + name;
        var label = Text.Get(key);
        return label == key ? field : label;
    }

    /// <summary>Copies the errors onto a form: field "displayName" becomes "Input.DisplayName".</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        foreach (var (field, messages) in _errors)
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>Puts every message in the form's summary, for pages whose fields do not match the problem's names.</summary>
    public void CopyToSummary(ModelStateDictionary modelState)
    {
        foreach (var message in _errors.Values.SelectMany(m => m))
        {
            modelState.AddModelError(string.Empty, message);
        }
    }

    /// <summary>A 400 naming each field; <c>rule</c> (the first) and <c>rules</c> (per field) say which rules refused the input.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            extensions: _rules.Count == 0 ? null : new Dictionary<string, object?>
            {
                ["rule"] = _rules.Values.SelectMany(r => r).Order(StringComparer.Ordinal).First(),
                ["rules"] = _rules.ToDictionary(r => r.Key, r => r.Value.ToArray()),
            });
}
