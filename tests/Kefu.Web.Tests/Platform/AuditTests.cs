using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-03: every change and sign-in leaves an append-only audit line: who, what, old → new.</summary>
public abstract class AuditTests(KefuFactory app)
{
    private async Task<JsonArray> AuditAsync(string query)
    {
        using var admin = await app.ClientFor("admin");
        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/audit?pageSize=200&{query}");
        return page!["items"]!.AsArray();
    }

    private static JsonObject? Changes(JsonNode? row) =>
        (string?)row!["changes"] is { Length: > 0 } text && text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null;

    [ProviderFact]
    public async Task PLT_03_StaffUpdate_AuditShowsWhoAndOldAndNewValueOfTheChangedField()
    {
        var record = await app.StaffAsync("hz.cs");
        var id = (string)record["id"]!;
        var oldName = (string)record["displayName"]!;
        using var clerk = await app.ClientFor("adminclerk");

        using var response = await clerk.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = "尤杭州客服（改）",
            employeeNumber = (string?)record["employeeNumber"],
            orgUnitId = (int)record["orgUnitId"]!,
            roles = new[] { "CsSpecialist" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var rows = await AuditAsync($"entityType=KefuUser&entityId={id}&action=Update");
        var row = Assert.Single(rows, r => Changes(r)?.ContainsKey("DisplayName") == true);
        Assert.Equal("adminclerk", (string?)row!["userName"]);
        var change = Changes(row)!["DisplayName"]!.AsArray();
        Assert.Equal([oldName, "尤杭州客服（改）"], change.Select(v => (string?)v));
        Assert.False(Changes(row)!.ContainsKey("EmployeeNumber"), "An unchanged field must not be logged as changed.");
    }

    [ProviderFact]
    public async Task PLT_03_StaffCreate_AuditLogsTheInsertWithSecretsMasked()
    {
        var userName = "audit." + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateStaffAsync(userName, "BJ", ["CsSpecialist"], "Audit-test-2026");

        var row = Assert.Single(await AuditAsync($"entityType=KefuUser&entityId={id}&action=Insert"));
        var changes = Changes(row)!;
        Assert.Equal([null, userName], changes["UserName"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["***", "***"], changes["PasswordHash"]!.AsArray().Select(v => (string?)v));

        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<KefuUser>>().FindByIdAsync(id);
        Assert.DoesNotContain(user!.PasswordHash!, (string?)row!["changes"], StringComparison.Ordinal);
        Assert.DoesNotContain(user.SecurityStamp!, (string?)row["changes"], StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task PLT_03_Login_WritesALoginEntry()
    {
        var id = await app.StaffIdAsync("bj.sup");
        using var login = await app.RequestTokenAsync("bj.sup", KefuFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var rows = await AuditAsync($"action=Login&entityId={id}");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("User", (string?)r!["entityType"]));
    }

    [ProviderFact]
    public async Task PLT_03_WrongPassword_WritesALoginFailedEntry()
    {
        var id = await app.StaffIdAsync("bj.cs");
        Assert.Empty(await AuditAsync($"action=LoginFailed&entityId={id}"));

        using var login = await app.RequestTokenAsync("bj.cs", "Wrong-password-2026");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        Assert.Single(await AuditAsync($"action=LoginFailed&entityId={id}"));
    }

    [ProviderFact]
    public async Task PLT_03_AuditEntry_ModifiedOrDeleted_IsRefusedByTheDbContext()
    {
        long id;
        string action;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();
            (id, action) = (entry.Id, entry.Action);

            entry.Action = "Tampered";
            var modify = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", modify.Message, StringComparison.Ordinal);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            Assert.Equal(action, (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id)).Action);
        }
    }

    [ProviderFact]
    public async Task PLT_03_AuditList_FiltersByActionAndUser()
    {
        // Signing in (the admin's own client) writes Login lines; the filter must return only those.
        var rows = await AuditAsync("action=Login");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Login", (string?)r!["action"]));

        Assert.All(await AuditAsync("user=adminclerk"), r => Assert.Equal("adminclerk", (string?)r!["userName"]));
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
