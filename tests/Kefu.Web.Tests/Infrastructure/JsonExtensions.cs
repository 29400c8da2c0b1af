using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kefu.Web.Tests.Infrastructure;

public static class JsonExtensions
{
    public static async Task<JsonObject> JsonObjectAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("Empty JSON body.");

    public static async Task<JsonArray> JsonArrayAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonArray>() ?? throw new InvalidOperationException("Empty JSON body.");

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public static async Task<IReadOnlyCollection<string>> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.JsonObjectAsync();
        return problem["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToArray() : [];
    }
}
