using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Issue 10, races: every numbered record takes its number from one sequence mechanism, inside
/// the transaction that saves it. Many requests at once all succeed (or answer 409 when they
/// genuinely collide), never 500, and the numbers they get are consecutive without duplicates.
/// Settings' first saves race for one row and never answer 500 either.
/// </summary>
public abstract class NumberSequenceTests(ClockApp app)
{
    private const int Parallel = 12;
    private static readonly DateTimeOffset Monday = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    /// <summary>Sends all at once (each on its own connection), after signing in first so the sign-ins do not spread them out.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)[]> AllAtOnceAsync(string user, int count, Func<int, (HttpMethod Method, string Url, object? Body)> request)
    {
        (await app.ClientFor(user)).Dispose();

        return await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            var (method, url, body) = request(i);
            return SendAsync(user, method, url, body);
        }));
    }

    /// <summary>The running number at the end of "C00012", "WO000003" or "seq.ab12cd34-0007".</summary>
    private static long Digits(JsonNode? body) =>
        long.Parse(new string(((string)body!["number"]!).Reverse().TakeWhile(char.IsAsciiDigit).Reverse().ToArray()), CultureInfo.InvariantCulture);

    /// <summary>Every answer is the expected success, and their numbers are consecutive without duplicates.</summary>
    private static long[] AssertConsecutive((HttpStatusCode Status, JsonNode? Body)[] answers, HttpStatusCode success, Func<string, bool> looksRight)
    {
        Assert.All(answers, a => Assert.True(a.Status == success, $"{(int)a.Status} {a.Body?.ToJsonString()}"));
        Assert.All(answers, a => Assert.True(looksRight((string)a.Body!["number"]!), (string?)a.Body!["number"]));
        var numbers = answers.Select(a => Digits(a.Body)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, numbers.Length).Select(i => numbers[0] + i), numbers);
        return numbers;
    }

    private async Task<string> NewClaimantAsync()
    {
        var userName = "seq." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(userName, "SH", ["FieldEngineer"], KefuFactory.DemoPassword);
        return userName;
    }

    private static object Claim(decimal amount) =>
        new { lines = new[] { new { date = "2026-09-10", category = "Meals", amount, receiptCount = 1, description = "并发测试" } } };

    [ProviderFact]
    public async Task EXP_02_parallel_claims_of_one_claimant_are_all_created_and_parallel_first_submissions_number_them_1_to_n()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();

        var created = await AllAtOnceAsync(user, Parallel, i => (HttpMethod.Post, "/api/expenses/claims", Claim(10m + i)));
        Assert.All(created, c => Assert.True(c.Status == HttpStatusCode.Created, $"{(int)c.Status} {c.Body?.ToJsonString()}"));
        Assert.All(created, c => Assert.Null((string?)c.Body!["number"]));

        var ids = created.Select(c => (int)c.Body!["id"]!).ToArray();
        var submitted = await AllAtOnceAsync(user, Parallel, i => (HttpMethod.Post, $"/api/expenses/claims/{ids[i]}/submit", null));
        var numbers = AssertConsecutive(submitted, HttpStatusCode.OK, n => n.StartsWith(user + "-", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, Parallel).Select(n => (long)n), numbers);
    }

    [ProviderFact]
    public async Task EXP_02_one_draft_submitted_many_times_at_once_is_numbered_once_and_the_losers_answer_409()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        var (_, first) = await SendAsync(user, HttpMethod.Post, "/api/expenses/claims", Claim(20m));
        var (_, second) = await SendAsync(user, HttpMethod.Post, "/api/expenses/claims", Claim(21m));

        var answers = await AllAtOnceAsync(user, 8, _ => (HttpMethod.Post, $"/api/expenses/claims/{(int)first!["id"]!}/submit", null));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body?.ToJsonString()}"));
        Assert.Equal(user + "-0001", (string?)Assert.Single(answers, a => a.Status == HttpStatusCode.OK).Body!["number"]);

        // The refused submissions rolled their numbers back: the next form is number 2, no gap.
        var (status, next) = await SendAsync(user, HttpMethod.Post, $"/api/expenses/claims/{(int)second!["id"]!}/submit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(user + "-0002", (string?)next!["number"]);
    }

    [ProviderFact]
    public async Task Customers_created_in_parallel_get_consecutive_numbers()
    {
        app.Clock.Set(Monday);
        var run = Guid.NewGuid().ToString("N")[..6];
        var answers = await AllAtOnceAsync("sh.cs", Parallel, i => (HttpMethod.Post, "/api/customers", new { name = $"并发客户{run}-{i}", confirmDuplicate = true }));
        AssertConsecutive(answers, HttpStatusCode.Created, n => n.Length == 6 && n[0] == 'C');
    }

    private object Order(int customerId) => new
    {
        customerId, channel = "Email", dangerousGoods = "None", jobType = "SameCityDelivery", vehicleType = "4.2米厢式车",
        requestedArrival = app.Clock.GetUtcNow().AddHours(48), pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号",
        pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity = "上海", deliveryAddress = "某路 2 号",
        deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m, volumeM3 = 2.4m,
        packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
    };

    [ProviderFact]
    public async Task Orders_created_in_parallel_get_consecutive_numbers()
    {
        app.Clock.Set(Monday);
        var (status, customer) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "并发订单客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, status);
        var answers = await AllAtOnceAsync("sh.cs", Parallel, _ => (HttpMethod.Post, "/api/orders", Order((int)customer!["id"]!)));
        AssertConsecutive(answers, HttpStatusCode.Created, n => n.Length == 8 && n.StartsWith("WO", StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task Incidents_recorded_in_parallel_get_consecutive_numbers()
    {
        app.Clock.Set(Monday);
        var answers = await AllAtOnceAsync("sh.cs", Parallel, i => (HttpMethod.Post, "/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "并发客户" + i, summary = "并发投诉 " + i, receivedAt = app.Clock.GetUtcNow().AddMinutes(-1),
            phoneCallTo = "赵主任", phoneCallAt = app.Clock.GetUtcNow().AddMinutes(-1),
        }));
        AssertConsecutive(answers, HttpStatusCode.Created, n => n.Length == 7 && n[0] == 'I');
    }

    [ProviderFact]
    public async Task Cross_region_cases_recorded_in_parallel_get_consecutive_numbers()
    {
        app.Clock.Set(Monday);
        var answers = await AllAtOnceAsync("sh.cs", Parallel, i => (HttpMethod.Post, "/api/cross-region", new
        {
            complainant = "浙江经销商" + i, offender = "江苏某经销商", province = "浙江", products = "空调", quantity = 5, priceYuan = 999m,
        }));
        AssertConsecutive(answers, HttpStatusCode.Created, n => n.Length == 7 && n[0] == 'X');
    }

    [ProviderFact]
    public async Task Settings_first_saves_of_a_policy_at_once_all_succeed_or_answer_409_never_500()
    {
        var (_, policy) = await SendAsync("admin", HttpMethod.Get, "/api/settings/expense-policy");
        var answers = await AllAtOnceAsync("admin", 8, i =>
        {
            var edited = policy!.DeepClone();
            edited["phoneCapYuan"] = 200 + i;
            return (HttpMethod.Put, "/api/settings/expense-policy", edited);
        });
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body?.ToJsonString()}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.NoContent);
        var (_, saved) = await SendAsync("admin", HttpMethod.Get, "/api/settings/expense-policy");
        Assert.InRange((decimal)saved!["phoneCapYuan"]!, 200m, 207m);
    }

    [ProviderFact]
    public async Task Settings_store_first_saves_of_a_new_key_at_once_insert_one_row_and_fail_only_as_conflicts()
    {
        var key = "race-" + Guid.NewGuid().ToString("N")[..10];
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<PolicyStore>().SaveAsync(key, new { value = i }, "race");
                return "saved";
            }
            catch (DbUpdateConcurrencyException)
            {
                return "conflict";
            }
        }));
        Assert.Contains("saved", outcomes);
        var rows = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().PolicySettings.CountAsync(p => p.Key == key));
        Assert.Equal(1, rows);
    }

    [ProviderFact]
    public async Task A_number_outside_the_saving_transaction_is_refused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sequences = scope.ServiceProvider.GetRequiredService<NumberSequences>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => sequences.NextAsync("Anything", NumberSequences.CompanyWide, CancellationToken.None));
    }
}

public sealed class NumberSequenceTestsOnSqlite(SqliteClockApp app) : NumberSequenceTests(app), IClassFixture<SqliteClockApp>;

public sealed class NumberSequenceTestsOnPostgres(PostgresClockApp app) : NumberSequenceTests(app), IClassFixture<PostgresClockApp>;
