using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// Collects field errors and turns them into an RFC 7807 validation problem (400) that names
/// each field, so bad input never yields a 500 or a half-saved record.
/// </summary>
public sealed class ProblemBuilder
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public ProblemBuilder Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ProblemBuilder Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
        }

        return this;
    }

    public ProblemBuilder MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"'{field}' must be at most {max} characters.");
        }

        return this;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
