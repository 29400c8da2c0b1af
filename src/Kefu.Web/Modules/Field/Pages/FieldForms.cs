using System.Text.RegularExpressions;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>Puts a use case's problems next to the form's fields: "tasks[0].personDays" becomes "Input.Tasks[0].PersonDays".</summary>
internal static partial class FieldForms
{
    public static void CopyTo(ProblemBuilder problems, ModelStateDictionary modelState, string prefix)
    {
        foreach (var (field, messages) in problems.Errors)
        {
            var key = field.Length == 0 ? "" : prefix + "." + Segment().Replace(field, m => m.Value.ToUpperInvariant());
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>The first letter of each dotted segment.</summary>
    [GeneratedRegex(@"(?<=^|\.)[a-z]")]
    private static partial Regex Segment();
}
