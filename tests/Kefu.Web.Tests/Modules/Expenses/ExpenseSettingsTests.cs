using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>APR-01: the chain is data an administrator edits; the policy numbers are defaults an administrator changes.</summary>
public sealed class ExpenseSettingsTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private async Task<string?> FirstStepsAsync(string user, decimal amount)
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        using var client = await app.ClientFor(user);
        using var created = await client.PostAsJsonAsync("/api/expenses/claims", new { lines = new[] { new { date = "2026-09-10", category = "Lodging", amount, receiptCount = 1 } } });
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var submitted = await client.PostAsync($"/api/expenses/claims/{id}/submit", null);
        var body = await submitted.Content.ReadFromJsonAsync<JsonObject>();
        return (string?)body!["currentStep"];
    }

    [Fact]
    public async Task EXP_05_policy_threshold_and_APR_01_edited_chain_apply_to_new_submissions()
    {
        using var admin = await app.ClientFor("admin");
        var policy = await admin.GetFromJsonAsync<JsonObject>("/api/settings/expense-policy");
        Assert.Equal(2000m, (decimal)policy!["vpThresholdYuan"]!);

        // A chain without the supervisor and the branch GM: claims start at the auditor.
        var chain = await admin.GetFromJsonAsync<JsonObject>("/api/settings/approval-chains/expense-claim");
        Assert.False((bool)chain!["customised"]!);
        var steps = chain["steps"]!.AsArray().Where(s => (string?)s!["key"] is not ("supervisor" or "branch-gm")).Select(s => s!.DeepClone()).ToArray();
        using (var saved = await admin.PutAsJsonAsync("/api/settings/approval-chains/expense-claim", new JsonObject { ["name"] = "简化报销流程", ["steps"] = new JsonArray(steps) }))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        Assert.Equal("auditor", await FirstStepsAsync("sh.eng2", 50m));

        using (var bad = await admin.PutAsJsonAsync("/api/settings/approval-chains/expense-claim",
                   new { name = "坏流程", steps = new[] { new { key = "x", role = "Astronaut", level = "Centre" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("steps[0].role", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var badPolicy = await admin.PutAsJsonAsync("/api/settings/expense-policy", new { maxAgeMonths = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badPolicy.StatusCode);
        }

        Assert.Equal(2000m, (decimal)(await admin.GetFromJsonAsync<JsonObject>("/api/settings/expense-policy"))!["vpThresholdYuan"]!);
    }
}
