using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Visits;

/// <summary>
/// VIS-03 supervision callbacks and their VIS-04 figures on both databases, on the hand-moved
/// clock: due dates over the 2026 National Day holiday and its make-up Saturday on the China
/// calendar (src/Kefu.Core/Calendar/Data/2026.json: 10-01..10-07 off, 10-10 a working Saturday).
/// October 2026 lies after the demo history, so sh.eng1's figures for it are this class's alone.
/// </summary>
public abstract class CallbackTests(ClockApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private static DateTimeOffset Instant(JsonNode? value) =>
        DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private async Task<int> ShanghaiCustomerAsync()
    {
        var (created, customer) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new { name = "回访客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, created);
        return (int)customer!["id"]!;
    }

    private async Task<JsonNode> AddCallbackAsync(string job, int customerId, DateTimeOffset completedAt, string technician = "sh.eng1")
    {
        var (status, callback) = await SendAsync("sh.coord", HttpMethod.Post, "/api/callbacks", new
        {
            jobReference = job, customerId, technicianId = await app.StaffIdAsync(technician), completedAt,
        });
        Assert.True(status == HttpStatusCode.Created, $"Adding callback {job}: {(int)status} {callback?.ToJsonString()}");
        return callback!;
    }

    private async Task<JsonArray> PendingAsync(string user)
    {
        var (status, page) = await SendAsync(user, HttpMethod.Get, "/api/callbacks?status=Pending&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, status);
        return page!["items"]!.AsArray();
    }

    /// <summary>The clock belongs to the class fixture; xunit runs a class's tests one at a time, each from the same start.</summary>
    private async Task Serially(Func<Task> test)
    {
        app.Clock.Set(ClockApp.Start);
        await test();
    }

    [ProviderFact]
    public Task VIS_03_a_job_finished_on_the_eve_of_the_National_Day_holiday_is_due_at_the_end_of_the_first_working_day_after_it() => Serially(async () =>
    {
        var customer = await ShanghaiCustomerAsync();
        app.Clock.Set(new DateTimeOffset(2026, 10, 8, 8, 30, 0, China));
        // Wednesday 30 September 19:00, after hours; 1–7 October are off, Thursday 8 October works.
        var callback = await AddCallbackAsync("JOB-" + Guid.NewGuid().ToString("N")[..8], customer, new DateTimeOffset(2026, 9, 30, 19, 0, 0, China));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 18, 0, 0, China), Instant(callback["dueAt"]));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 19, 0, 0, China), Instant(callback["completedAt"]));
        Assert.Equal("Pending", (string?)callback["status"]);
        Assert.Equal(await app.StaffIdAsync("sh.eng1"), (string?)callback["technicianId"]);
    });

    [ProviderFact]
    public Task VIS_03_a_job_finished_on_Friday_evening_before_a_make_up_Saturday_is_due_that_Saturday() => Serially(async () =>
    {
        var customer = await ShanghaiCustomerAsync();
        app.Clock.Set(new DateTimeOffset(2026, 10, 9, 20, 0, 0, China));
        var callback = await AddCallbackAsync("JOB-" + Guid.NewGuid().ToString("N")[..8], customer, new DateTimeOffset(2026, 10, 9, 19, 0, 0, China));
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 18, 0, 0, China), Instant(callback["dueAt"]));

        // An ordinary Friday evening (16 October) waits over the weekend for Monday.
        app.Clock.Set(new DateTimeOffset(2026, 10, 16, 20, 0, 0, China));
        var ordinary = await AddCallbackAsync("JOB-" + Guid.NewGuid().ToString("N")[..8], customer, new DateTimeOffset(2026, 10, 16, 19, 0, 0, China));
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 18, 0, 0, China), Instant(ordinary["dueAt"]));

        // A job cannot be reported as finished in the future.
        var (future, problem) = await SendAsync("sh.coord", HttpMethod.Post, "/api/callbacks", new
        {
            jobReference = "JOB-FUTURE", customerId = customer, technicianId = await app.StaffIdAsync("sh.eng1"), completedAt = app.Clock.GetUtcNow().AddHours(2),
        });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("completedAt"));
    });

    [ProviderFact]
    public Task VIS_03_the_coordinator_records_the_rating_once_another_centre_cannot_and_VIS_04_counts_it_for_the_technician() => Serially(async () =>
    {
        var customer = await ShanghaiCustomerAsync();
        app.Clock.Set(new DateTimeOffset(2026, 10, 12, 9, 0, 0, China));
        var pleased = await AddCallbackAsync("JOB-" + Guid.NewGuid().ToString("N")[..8], customer, new DateTimeOffset(2026, 10, 9, 16, 0, 0, China));
        var angry = await AddCallbackAsync("JOB-" + Guid.NewGuid().ToString("N")[..8], customer, new DateTimeOffset(2026, 10, 9, 17, 0, 0, China));
        var angryId = (int)angry["id"]!;

        // The coordinator's list has both; another centre's supervisor and engineer see neither.
        Assert.Contains(await PendingAsync("sh.coord"), c => (int)c!["id"]! == angryId);
        Assert.Contains(await PendingAsync("sh.eng1"), c => (int)c!["id"]! == angryId); // the technician sees their own
        Assert.DoesNotContain(await PendingAsync("hz.sup"), c => (int)c!["id"]! == angryId);
        Assert.DoesNotContain(await PendingAsync("hz.eng1"), c => (int)c!["id"]! == angryId);
        var (foreign, _) = await SendAsync("hz.sup", HttpMethod.Post, $"/api/callbacks/{angryId}/result", new { rating = "Satisfied" });
        Assert.Equal(HttpStatusCode.NotFound, foreign);

        var (noRating, noRatingProblem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{angryId}/result", new { complaint = true });
        Assert.Equal(HttpStatusCode.BadRequest, noRating);
        Assert.True(noRatingProblem!["errors"]!.AsObject().ContainsKey("rating"));

        // Ratings are the scale's four names, one at a time: "Satisfied,Neutral" once read as their OR, Dissatisfied.
        foreach (var bad in new object[] { "Satisfied,Neutral", "Happy", 7 })
        {
            var (badStatus, badProblem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{angryId}/result", new { rating = bad });
            Assert.True(badStatus == HttpStatusCode.BadRequest, $"rating {bad}: {(int)badStatus}");
            Assert.True(badProblem!["errors"]!.AsObject().ContainsKey("rating"), $"rating {bad}: {badProblem.ToJsonString()}");
        }

        var (recorded, done) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{angryId}/result", new { rating = "Dissatisfied", complaint = true, comment = "师傅迟到两小时" });
        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Equal("Done", (string?)done!["status"]);
        Assert.Equal("Dissatisfied", (string?)done["rating"]);
        Assert.True((bool)done["complaint"]!);
        Assert.Equal(app.Clock.GetUtcNow(), Instant(done["calledAt"]));

        var (twice, twiceProblem) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{angryId}/result", new { rating = "VerySatisfied" });
        Assert.Equal(HttpStatusCode.BadRequest, twice);
        Assert.True(twiceProblem!["errors"]!.AsObject().ContainsKey("rating"));
        Assert.DoesNotContain(await PendingAsync("sh.coord"), c => (int)c!["id"]! == angryId);

        var (ok, _) = await SendAsync("sh.coord", HttpMethod.Post, $"/api/callbacks/{(int)pleased["id"]!}/result", new { rating = "VerySatisfied" });
        Assert.Equal(HttpStatusCode.OK, ok);

        // VIS-04 for October 2026: two rated callbacks of sh.eng1, one very satisfied, one complaint.
        var engineer = await app.StaffIdAsync("sh.eng1");
        var (status, month) = await SendAsync("sh.sup", HttpMethod.Get, "/api/satisfaction?month=2026-10&by=Technician");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-10", (string?)month!["month"]);
        var row = month["rows"]!.AsArray().Single(r => (string?)r!["key"] == engineer)!;
        Assert.Equal("沈工程师一", (string?)row["name"]);
        Assert.Equal(2, (int)row["rated"]!);
        Assert.Equal(1, (int)row["verySatisfied"]!);
        Assert.Equal(1, (int)row["satisfiedOrBetter"]!);
        Assert.Equal(50.0m, (decimal)row["verySatisfiedShare"]!);
        Assert.Equal(50.0m, (decimal)row["satisfiedOrBetterShare"]!);
        Assert.Equal(1, (int)row["complaints"]!);

        // By centre, 上海中心's October holds exactly these two as well.
        var (_, byCentre) = await SendAsync("sh.sup", HttpMethod.Get, "/api/satisfaction?month=2026-10&by=Centre");
        var centre = byCentre!["rows"]!.AsArray().Single()!;
        Assert.Equal(2, (int)centre["rated"]!);
        Assert.Equal(1, (int)centre["complaints"]!);

        // Another centre's figures leave 上海's technician out.
        var (_, hz) = await SendAsync("hz.sup", HttpMethod.Get, "/api/satisfaction?month=2026-10&by=Technician");
        Assert.DoesNotContain(hz!["rows"]!.AsArray(), r => (string?)r!["key"] == engineer);
    });
}

public sealed class CallbackTestsOnSqlite(SqliteClockApp app) : CallbackTests(app), IClassFixture<SqliteClockApp>;

public sealed class CallbackTestsOnPostgres(PostgresClockApp app) : CallbackTests(app), IClassFixture<PostgresClockApp>;
