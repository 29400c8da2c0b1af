using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Performance;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Performance.Pages;

/// <summary>
/// Settings → Policies for performance: every number of PERF-01..07 (the record <see cref="PerformancePolicy"/>, the same the
/// settings API saves). Fields carry the API's names; a value the rules cannot run on comes back next to its field, nothing saved.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class PerformanceSettingsModel(PolicyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [TempData] public string? Message { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The form's fields in order (the API's names, dotted into dictionaries and lists).</summary>
    public IReadOnlyList<string> Fields { get; private set; } = [];

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public async Task OnGetAsync(CancellationToken ct) => Fill(await store.GetAsync<PerformancePolicy>(PerformancePolicy.Key, ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await store.GetAsync<PerformancePolicy>(PerformancePolicy.Key, ct);
        var node = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        Fields = Flatten(node).Select(f => f.Field).ToArray();
        foreach (var field in Fields)
        {
            var text = Values.GetValueOrDefault(field)?.Trim();
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                Errors[field] = l["FieldAdmin.NotANumber"];
                continue;
            }

            Set(node, field, number);
        }

        PerformancePolicy? policy = null;
        if (Errors.Count == 0)
        {
            try
            {
                policy = node.Deserialize<PerformancePolicy>(Json);
            }
            catch (JsonException)
            {
                // An int field given a fraction: name each whole-number field that has one.
                foreach (var field in Fields.Where(f => !IsDecimal(f) && Value(f).Contains('.', StringComparison.Ordinal)))
                {
                    Errors[field] = l["FieldAdmin.NotAWholeNumber"];
                }
            }
        }

        foreach (var (field, min, max) in policy?.Validate() ?? [])
        {
            Errors.TryAdd(field, l["Policy.OutOfRange", min, max]);
        }

        if (policy is null || Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Settings.PolicyInvalid"]);
            return Page();
        }

        await store.SaveAsync(PerformancePolicy.Key, policy, User.Identity?.Name, ct);
        Message = l["Common.Saved"];
        return RedirectToPage();
    }

    public static bool IsDecimal(string field) => field.EndsWith("Yuan", StringComparison.Ordinal) || field.Contains("Yuan.", StringComparison.Ordinal)
        || field.EndsWith("Percent", StringComparison.Ordinal) || field.EndsWith("PerDay", StringComparison.Ordinal) || field.EndsWith("Weight", StringComparison.Ordinal);

    /// <summary>The label key of a field: dictionary and list entries share their parent's label with the entry's own.</summary>
    public static string LabelKey(string field) => "PerfAdmin." + field;

    private void Fill(PerformancePolicy policy)
    {
        var flat = Flatten(JsonSerializer.SerializeToNode(policy, Json)!.AsObject());
        Fields = flat.Select(f => f.Field).ToArray();
        Values = flat.ToDictionary(f => f.Field, f => (string?)f.Value, StringComparer.Ordinal);
    }

    private static List<(string Field, string Value)> Flatten(JsonObject node)
    {
        var list = new List<(string, string)>();
        foreach (var (name, value) in node)
        {
            switch (value)
            {
                case JsonObject child:
                    list.AddRange(child.Select(c => ($"{name}.{c.Key}", c.Value!.ToJsonString())));
                    break;
                case JsonArray array:
                    list.AddRange(array.Select((a, i) => ($"{name}.{i.ToString(CultureInfo.InvariantCulture)}", a!.ToJsonString())));
                    break;
                case JsonValue:
                    list.Add((name, value.ToJsonString()));
                    break;
            }
        }

        return list;
    }

    private static void Set(JsonObject node, string field, decimal value)
    {
        var parts = field.Split('.');
        if (parts.Length == 1)
        {
            node[field] = value;
        }
        else if (node[parts[0]] is JsonArray array)
        {
            array[int.Parse(parts[1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[parts[0]]![parts[1]] = value;
        }
    }
}
