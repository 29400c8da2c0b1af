using System.Diagnostics;
using System.Net;
using Kefu.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Timings that compare two kinds of request are only fair when nothing else runs beside them:
/// on two cores, a neighbour test's burst lands on one kind more than the other. These tests run
/// alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingRunAlone
{
    public const string Name = "Timing, alone in the process";
}

/// <summary>Issue 10, class 9: a wrong name costs what a wrong password costs, so names cannot be told apart by the answer's time.</summary>
public abstract class SignInTimingTests(SignInLimitApp app, ITestOutputHelper output)
{
    private HttpClient ClientFrom(string address)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [ProviderFact]
    public async Task SignIn_UnknownNameTakesAsLongAsAWrongPassword()
    {
        const int rounds = 15;
        var known = new List<double>();
        var unknown = new List<double>();
        // The first of each kind also warms up (JIT, the dummy hash); it is not measured.
        for (var i = -1; i < rounds; i++)
        {
            // Each attempt from an address of its own, so that no limit is reached.
            using var a = ClientFrom(SignInLimitTests.NewAddress());
            using var b = ClientFrom(SignInLimitTests.NewAddress());
            // Taking turns at going first, so that neither kind always meets a warmer process.
            double k, u;
            if (i % 2 == 0)
            {
                k = await TimedAsync(a, "hz.eng1");
                u = await TimedAsync(b, "nobody." + i);
            }
            else
            {
                u = await TimedAsync(b, "nobody." + i);
                k = await TimedAsync(a, "hz.eng1");
            }

            if (i >= 0)
            {
                known.Add(k);
                unknown.Add(u);
            }
        }

        // Compared pair by pair: the two of a round run back to back, so a burst of other work on
        // this machine (a background job, the database's checkpoint) mostly lands on both of them.
        var difference = Median(known.Zip(unknown, (k, u) => u - k).ToList());
        var typical = Median(known.Concat(unknown).ToList());
        output.WriteLine($"Median time of a wrong password: {Median(known):F1} ms; of an unknown name: {Median(unknown):F1} ms; median difference in a round {difference:F1} ms ({rounds} rounds).");
        output.WriteLine("Wrong password: " + string.Join(", ", known.Select(t => t.ToString("F0"))));
        output.WriteLine("Unknown name:   " + string.Join(", ", unknown.Select(t => t.ToString("F0"))));
        Assert.True(
            Math.Abs(difference) <= 0.2 * typical,
            $"An unknown name takes {difference:F1} ms more than a wrong password (median of {rounds} rounds), more than 20 % of the typical {typical:F1} ms.");

        async Task<double> TimedAsync(HttpClient client, string userName)
        {
            var watch = Stopwatch.StartNew();
            using var response = await SignInLimitTests.TokenAsync(client, userName, "Wrong-password-2026");
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }
}

[Collection(TimingRunAlone.Name)]
public sealed class SignInTimingTestsOnSqlite(SqliteSignInLimitApp app, ITestOutputHelper output)
    : SignInTimingTests(app, output), IClassFixture<SqliteSignInLimitApp>;

[Collection(TimingRunAlone.Name)]
public sealed class SignInTimingTestsOnPostgres(PostgresSignInLimitApp app, ITestOutputHelper output)
    : SignInTimingTests(app, output), IClassFixture<PostgresSignInLimitApp>;
