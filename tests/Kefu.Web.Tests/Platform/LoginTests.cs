using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Platform.Seeding;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform;

/// <summary>POST /api/auth/token: passwords, lockout, and what a failed sign-in reveals.</summary>
public abstract class LoginTests(KefuFactory app)
{
    public static TheoryData<string> DemoUsers => new(Seeder.DemoUserNames.Append("admin"));

    [ProviderTheory]
    [MemberData(nameof(DemoUsers))]
    public async Task Login_DemoUserWithRightPassword_GetsATokenThatWorks(string userName)
    {
        using var response = await app.RequestTokenAsync(userName, KefuFactory.PasswordOf(userName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonObjectAsync();
        Assert.True((long)body["expiresIn"]! > 0);
        using var client = app.ClientWithBearer((string)body["accessToken"]!);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal(userName, (string?)me!["userName"]);
    }

    [ProviderFact]
    public async Task Login_WrongPasswordOrUnknownUser_Returns401WithoutSayingWhichPartWasWrong()
    {
        using var wrongPassword = await app.RequestTokenAsync("sh.eng2", "Not-the-password-1");
        using var unknownUser = await app.RequestTokenAsync("no.such.user", "Not-the-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(await Comparable(wrongPassword), await Comparable(unknownUser));
        var text = await wrongPassword.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("user", text, StringComparison.OrdinalIgnoreCase);

        // The body of an error differs only by its trace id.
        static async Task<string> Comparable(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (text.Length == 0)
            {
                return "";
            }

            var json = JsonNode.Parse(text)!.AsObject();
            json.Remove("traceId");
            return $"{response.Content.Headers.ContentType?.MediaType} {json.ToJsonString()}";
        }
    }

    [ProviderFact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountSoTheRightPasswordIsRefusedWith429()
    {
        const string password = "Lockout-test-2026";
        var userName = "lock." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(userName, "HZ", ["FieldEngineer"], password);

        for (var i = 1; i <= 5; i++)
        {
            using var wrong = await app.RequestTokenAsync(userName, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await app.RequestTokenAsync(userName, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), "Retry-After names the rest of the lockout.");
    }

    [ProviderFact]
    public async Task Login_FourWrongPasswordsThenTheRightOne_Succeeds()
    {
        const string password = "Almost-locked-2026";
        var userName = "nearly." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(userName, "HZ", ["FieldEngineer"], password);

        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await app.RequestTokenAsync(userName, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await app.RequestTokenAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [ProviderFact]
    public async Task Login_MissingFields_Returns400NamingThem()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = await response.ProblemFieldsAsync();
        Assert.Contains("userName", fields);
        Assert.Contains("password", fields);
    }

    [ProviderFact]
    public async Task Login_UserWhoHasLeft_Returns401()
    {
        const string password = "Has-left-2026";
        var userName = "left." + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateStaffAsync(userName, "HZ", ["FieldEngineer"], password);
        var record = await app.StaffAsync(userName);
        using var admin = await app.ClientFor("admin");
        using var update = await admin.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = (string?)record["displayName"],
            employeeNumber = (string?)record["employeeNumber"],
            orgUnitId = (int)record["orgUnitId"]!,
            roles = new[] { "FieldEngineer" },
            status = "Left",
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        using var response = await app.RequestTokenAsync(userName, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class LoginTestsOnSqlite(SqliteApp app) : LoginTests(app), IClassFixture<SqliteApp>;

public sealed class LoginTestsOnPostgres(PostgresApp app) : LoginTests(app), IClassFixture<PostgresApp>;
