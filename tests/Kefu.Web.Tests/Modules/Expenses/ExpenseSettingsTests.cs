using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>APR-01: the chain is data an administrator edits; the policy numbers are defaults an administrator changes.</summary>
public sealed class ExpenseSettingsTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private async Task<int> SubmitAsync(string user, decimal amount)
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        using var client = await app.ClientFor(user);
        using var created = await client.PostAsJsonAsync("/api/expenses/claims", new { lines = new[] { new { date = "2026-09-10", category = "Lodging", amount, receiptCount = 1 } } });
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var submitted = await client.PostAsync($"/api/expenses/claims/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return id;
    }

    private async Task<string?> FirstStepAsync(string user, decimal amount)
    {
        var id = await SubmitAsync(user, amount);
        using var client = await app.ClientFor(user);
        return (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/expenses/claims/{id}"))!["currentStep"];
    }

    /// <summary>The step a claim of sh.eng2 reaches once the CS manager has approved it: the VP's or finance's.</summary>
    private async Task<string?> StepAfterTheCsManagerAsync(decimal amount)
    {
        var id = await SubmitAsync("sh.eng2", amount);
        JsonObject? claim = null;
        foreach (var (user, step) in new[] { ("sh.sup", "supervisor"), ("east.gm", "branch-gm"), ("auditor", "auditor"), ("csmgr", "cs-manager") })
        {
            using var client = await app.ClientFor(user);
            using var decided = await client.PostAsJsonAsync($"/api/expenses/claims/{id}/decision", new { stepKey = step, action = "Approve" });
            var text = await decided.Content.ReadAsStringAsync();
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{step}: {(int)decided.StatusCode} {text}");
            claim = JsonNode.Parse(text)!.AsObject();
        }

        return (string?)claim!["currentStep"];
    }

    [Fact]
    public async Task EXP_05_a_changed_vp_threshold_decides_which_forms_need_the_vp()
    {
        using var admin = await app.ClientFor("admin");
        var original = (await admin.GetFromJsonAsync<JsonObject>("/api/settings/expense-policy"))!;
        // REQUIREMENTS EXP-05: "default 2,000 CNY" (seed 000 masks it: 单张报销单超过20**元).
        Assert.Equal(2000m, (decimal)original["vpThresholdYuan"]!);
        Assert.Equal("finance", await StepAfterTheCsManagerAsync(600m));
        Assert.Equal("vp", await StepAfterTheCsManagerAsync(2000.01m));

        var lowered = original.DeepClone().AsObject();
        lowered["vpThresholdYuan"] = 500m;
        try
        {
            using (var saved = await admin.PutAsJsonAsync("/api/settings/expense-policy", lowered))
            {
                Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
            }

            // The same 600 CNY form now needs the VP; one at the new threshold does not ("above" it does).
            Assert.Equal("vp", await StepAfterTheCsManagerAsync(600m));
            Assert.Equal("finance", await StepAfterTheCsManagerAsync(500m));
        }
        finally
        {
            using var restored = await admin.PutAsJsonAsync("/api/settings/expense-policy", original);
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        using (var badPolicy = await admin.PutAsJsonAsync("/api/settings/expense-policy", new { maxAgeMonths = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badPolicy.StatusCode);
        }

        Assert.Equal(2000m, (decimal)(await admin.GetFromJsonAsync<JsonObject>("/api/settings/expense-policy"))!["vpThresholdYuan"]!);
    }

    [Fact]
    public async Task APR_01_an_edited_chain_applies_to_new_submissions()
    {
        using var admin = await app.ClientFor("admin");
        // A chain without the supervisor and the branch GM: claims start at the auditor.
        var chain = await admin.GetFromJsonAsync<JsonObject>("/api/settings/approval-chains/expense-claim");
        var steps = chain!["steps"]!.AsArray().Where(s => (string?)s!["key"] is not ("supervisor" or "branch-gm")).Select(s => s!.DeepClone()).ToArray();
        Assert.Equal("supervisor", await FirstStepAsync("sh.eng2", 50m));
        try
        {
            using (var saved = await admin.PutAsJsonAsync("/api/settings/approval-chains/expense-claim", new JsonObject { ["name"] = "简化报销流程", ["steps"] = new JsonArray(steps) }))
            {
                Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
            }

            Assert.Equal("auditor", await FirstStepAsync("sh.eng2", 50m));
            Assert.True((bool)(await admin.GetFromJsonAsync<JsonObject>("/api/settings/approval-chains/expense-claim"))!["customised"]!);

            using var bad = await admin.PutAsJsonAsync("/api/settings/approval-chains/expense-claim",
                new { name = "坏流程", steps = new[] { new { key = "x", role = "Astronaut", level = "Centre" } } });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("steps[0].role", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            // Back to the default chain (built from the policy), which the threshold test of this class reads.
            await app.InScopeAsync(async sp =>
            {
                await sp.GetRequiredService<ApprovalChains>().ResetAsync("expense-claim", "test", CancellationToken.None);
                return 0;
            });
        }
    }
}
