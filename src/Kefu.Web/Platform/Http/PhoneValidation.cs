using Kefu.Core.Contacts;

namespace Kefu.Web.Platform.Http;

/// <summary>Every phone field that comes in (forms, API, imports) is checked by the one rule, <see cref="PhoneNumber"/>.</summary>
public static class PhoneValidation
{
    /// <summary>An optional phone field: blank is fine, anything else must be a phone number.</summary>
    public static ProblemBuilder Phone(this ProblemBuilder problems, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !PhoneNumber.IsValid(value))
        {
            problems.Add(field, "Validation.Phone");
        }

        return problems;
    }
}
