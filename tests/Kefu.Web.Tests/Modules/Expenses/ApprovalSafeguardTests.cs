using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>APR-01 and ORG-05 safeguards: nobody approves their own claim; rotation hands approvals to the successor.</summary>
public sealed class ApprovalSafeguardTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private async Task<int> SubmittedClaimAsync(string user)
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        using var client = await app.ClientFor(user);
        using var created = await client.PostAsJsonAsync("/api/expenses/claims", new { lines = new[] { new { date = "2026-09-10", category = "Meals", amount = 33m, receiptCount = 1 } } });
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var submitted = await client.PostAsync($"/api/expenses/claims/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return id;
    }

    [Fact]
    public async Task APR_01_a_deputy_cannot_approve_their_own_claim()
    {
        var id = await SubmittedClaimAsync("bj.eng1");
        using (var sup = await app.ClientFor("bj.sup"))
        {
            using var delegated = await sup.PostAsJsonAsync("/api/approvals/delegations", new { deputyUserName = "bj.eng1", from = "2026-09-01", to = "2026-09-30" });
            Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        }

        using var eng = await app.ClientFor("bj.eng1");
        using var self = await eng.PostAsJsonAsync($"/api/expenses/claims/{id}/decision", new { stepKey = "supervisor", action = "Approve" });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
    }

    [Fact]
    public async Task ORG_05_rotation_hands_pending_approvals_to_the_successor()
    {
        var id = await SubmittedClaimAsync("hz.cs");
        using var clerk = await app.ClientFor("adminclerk");
        using var owned = await clerk.GetAsync($"/api/staff/{await app.StaffIdAsync("hz.sup")}/owned");
        Assert.True((int?)(await owned.Content.ReadFromJsonAsync<JsonObject>())!["Owned.Approvals"]! >= 1);

        using var rotated = await clerk.PostAsJsonAsync($"/api/staff/{await app.StaffIdAsync("hz.sup")}/rotation",
            new { newOrgUnitId = await app.UnitIdAsync("BJ"), successorId = await app.StaffIdAsync("hz.eng1") });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        using var successor = await app.ClientFor("hz.eng1");
        var inbox = await successor.GetFromJsonAsync<JsonArray>("/api/approvals/inbox");
        Assert.Contains(inbox!, i => (string?)i!["subjectId"] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ORG_02_an_admin_clerk_cannot_make_anyone_a_system_administrator()
    {
        using var clerk = await app.ClientFor("adminclerk");
        var clerkRecord = await app.StaffAsync("adminclerk");
        using var response = await clerk.PutAsJsonAsync($"/api/staff/{(string)clerkRecord["id"]!}", new
        {
            displayName = (string)clerkRecord["displayName"]!, employeeNumber = (string)clerkRecord["employeeNumber"]!,
            orgUnitId = (int)clerkRecord["orgUnitId"]!, roles = new[] { "AdminClerk", "SystemAdministrator" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("roles", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
