using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kefu.Web.Platform.Import;

/// <summary>
/// What the shared import form (Modules/Shared/_Import.cshtml) shows: where the template and the
/// export are, the form's handler, and after an upload the result with every bad row by column.
/// </summary>
public sealed record ImportView(SheetLayout Layout, string TemplateUrl, ImportResult? Result, string? ExportUrl = null, string Handler = "", string? Help = null)
{
    /// <summary>A heading for the form's card, where the page has other forms beside it.</summary>
    public string? Title { get; init; }

    /// <summary>Extra hidden fields the page's handler needs (the year of a calendar page).</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();
}

/// <summary>How pages and endpoints hand an upload to an importer and show what it did, the same for every sheet.</summary>
public static class ImportHandling
{
    /// <summary>The uploaded file of a multipart form ("file"), or the 400 that names it.</summary>
    public static IFormFile? File(IFormCollection form, out ProblemBuilder? missing)
    {
        var file = form.Files.GetFile("file");
        missing = file is null || file.Length == 0 ? new ProblemBuilder().Add("file", "Attachment.Missing") : null;
        return missing is null ? file : null;
    }

    /// <summary>The API's answer: the result, or the 400 naming the refused file (or the caller's place).</summary>
    public static Results<Ok<ImportResult>, ValidationProblem> Answer(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Done done => TypedResults.Ok(done.Result),
        ImportOutcome.Refused refused => refused.Problems.ToProblem(),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Runs an import of the form's file for the API.</summary>
    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> RunAsync(IFormCollection form, Func<Stream, Task<ImportOutcome>> import)
    {
        if (File(form, out var missing) is not { } file)
        {
            return missing!.ToProblem();
        }

        await using var stream = file.OpenReadStream();
        return Answer(await import(stream));
    }

    /// <summary>
    /// Runs an import of a page's uploaded file: the result to show, or null with the problem on the
    /// form (the file's next to the file input, anything else above the form).
    /// </summary>
    public static async Task<ImportResult?> RunOnPageAsync(IFormFile? file, ModelStateDictionary modelState, Func<Stream, Task<ImportOutcome>> import)
    {
        if (file is null || file.Length == 0)
        {
            modelState.AddModelError("file", Text.Get("Attachment.Missing"));
            return null;
        }

        await using var stream = file.OpenReadStream();
        switch (await import(stream))
        {
            case ImportOutcome.Done done:
                return done.Result;
            case ImportOutcome.Refused refused:
                foreach (var (field, messages) in refused.Problems.Errors)
                {
                    foreach (var message in messages)
                    {
                        modelState.AddModelError(field == "file" ? "file" : string.Empty, message);
                    }
                }

                return null;
            default:
                throw new InvalidOperationException();
        }
    }
}
