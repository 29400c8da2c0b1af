using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// Kefu with the Prometheus endpoint on: scrapes need the token, or a client address in the
/// allowed networks (loopback by default; the address comes from X-Forwarded-For here, as behind a proxy).
/// </summary>
public abstract class MetricsApp(DatabaseKind kind) : ClockApp(kind)
{
    public const string ScrapeToken = "scrape-token-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kefu:Metrics:Enabled", "true");
        builder.UseSetting("Kefu:Metrics:BearerToken", ScrapeToken);
        builder.UseSetting("Kefu:Metrics:GaugeCacheSeconds", "0");
        builder.UseSetting("Kefu:ForwardedHeaders", "true");
    }
}

public sealed class SqliteMetricsApp() : MetricsApp(DatabaseKind.Sqlite);

public sealed class PostgresMetricsApp() : MetricsApp(DatabaseKind.Postgres), IRequiresPostgres;

/// <summary>Metrics at /metrics (requests by route, database commands, SLA and outbox, sign-ins) and the readiness of the outbox.</summary>
public abstract partial class ObservabilityTests(MetricsApp app)
{
    /// <summary>A record type no other test uses, so the breach series belongs to this test alone.</summary>
    private const string ProbeRecordType = "MetricsProbe";

    private async Task<string> ScrapeAsync()
    {
        using var client = app.ClientWithBearer(MetricsApp.ScrapeToken);
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<long> StartTimerAsync(string recordId, SlaTarget target) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "sh.cs");
            var timer = await sp.GetRequiredService<SlaService>().StartAsync(
                new StartTimer(ProbeRecordType, recordId, "SLA-04", "指标探针 " + recordId, target, owner.Id, owner.OrgPath));
            await db.SaveChangesAsync();
            return timer.Id;
        });

    private Task<long> AddOutboxMessageAsync(NotificationChannel channel, DateTime createdAt) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var message = new OutboxMessage
            {
                Channel = channel, Recipient = "13800000000", EventKey = "Test", Subject = "probe", Body = "probe",
                Status = DeliveryStatus.Pending, CreatedAt = createdAt, NextAttemptAt = createdAt,
            };
            db.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    private Task<int> CloseOutboxMessageAsync(long id) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<OutboxMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, DeliveryStatus.Failed)));

    private async Task<string> ReadyAsync()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [ProviderFact]
    public async Task Scrape_shows_requests_by_route_database_commands_a_breach_by_rule_outbox_and_sign_in_failures()
    {
        app.Clock.Set(ClockApp.Start);
        using (var admin = await app.ClientFor("admin"))
        using (var me = await admin.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var wrong = await app.RequestTokenAsync("sh.cs", "not-the-password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // A deadline of 10 minutes, 15 minutes ago, not swept yet: the sweep lags by at least 5 minutes.
        var record = "m-" + Guid.NewGuid().ToString("N")[..8];
        await StartTimerAsync(record, SlaTarget.Minutes(10));
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var before = await ScrapeAsync();
        Assert.True(Sample(before, "kefu_sla_sweep_lag_seconds", []) >= 300, Lines(before, "kefu_sla_sweep_lag"));

        await app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));
        // An SMS that cannot go out (the channel is off): one failure, and it stays pending.
        var sms = await AddOutboxMessageAsync(NotificationChannel.Sms, app.Clock.GetUtcNow().UtcDateTime);
        await app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
        try
        {
            var text = await ScrapeAsync();

            // Swept 5 minutes after its due time: a breach noticed late (SLA-02).
            Assert.Equal(1, Sample(text, "kefu_sla_breaches_total", new() { ["rule"] = "SLA-04", ["record_type"] = ProbeRecordType, ["late"] = "true" }));
            Assert.Equal(0, Sample(text, "kefu_sla_sweep_lag_seconds", []));
            Assert.True(Sample(text, "http_server_request_duration_seconds_count",
                new() { ["http_route"] = "/api/me", ["http_request_method"] = "GET", ["http_response_status_code"] = "200" }) >= 1, Lines(text, "http_server_request_duration_seconds_count"));
            var provider = app.Kind == DatabaseKind.Sqlite ? "sqlite" : "postgresql";
            Assert.True(Sample(text, "kefu_db_command_duration_seconds_count", new() { ["db_system_name"] = provider, ["db_operation_name"] = "SELECT", ["outcome"] = "ok" }) >= 1,
                Lines(text, "kefu_db_command_duration_seconds_count"));
            Assert.True(Sample(text, "kefu_outbox_failures_total", new() { ["channel"] = "sms" }) >= 1, Lines(text, "kefu_outbox_failures"));
            Assert.True(Sample(text, "kefu_outbox_pending", new() { ["channel"] = "sms" }) >= 1, Lines(text, "kefu_outbox_pending"));
            Assert.True(Sample(text, "kefu_signin_failures_total", new() { ["channel"] = "api", ["reason"] = "failed" }) >= 1, Lines(text, "kefu_signin_failures"));
        }
        finally
        {
            await CloseOutboxMessageAsync(sms);
        }
    }

    [ProviderFact]
    public async Task Metrics_answer_only_the_allowed_networks_or_the_token()
    {
        async Task<HttpStatusCode> GetAsync(string? forwardedFor, string? token)
        {
            using var client = app.CreateClient();
            if (forwardedFor is not null)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            }

            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.GetAsync("/metrics");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(response.StatusCode == HttpStatusCode.OK, body.Contains("# TYPE", StringComparison.Ordinal));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync("127.0.0.1", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("::1", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("203.0.113.9", MetricsApp.ScrapeToken));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("203.0.113.9", null));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("203.0.113.9", "wrong-token"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("10.1.2.3", MetricsApp.ScrapeToken + "x"));
    }

    [ProviderFact]
    public async Task NTF_02_ready_is_degraded_while_an_outbox_message_waits_longer_than_the_limit()
    {
        app.Clock.Set(ClockApp.Start);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal("Healthy", await ReadyAsync());

        var old = await AddOutboxMessageAsync(NotificationChannel.Sms, now - TimeSpan.FromMinutes(16));
        try
        {
            var body = await ReadyAsync();
            Assert.StartsWith("Degraded\n", body, StringComparison.Ordinal);
            Assert.Contains("outbox: The oldest pending sms message has waited 16 minutes (limit 15)", body, StringComparison.Ordinal);
        }
        finally
        {
            await CloseOutboxMessageAsync(old);
        }

        var recent = await AddOutboxMessageAsync(NotificationChannel.Sms, now - TimeSpan.FromMinutes(14));
        try
        {
            Assert.Equal("Healthy", await ReadyAsync());
        }
        finally
        {
            await CloseOutboxMessageAsync(recent);
        }
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    private static double Sample(string text, string name, Dictionary<string, string> labels)
    {
        var values = new List<double>();
        foreach (var line in text.Split('\n'))
        {
            var match = SampleLine().Match(line.TrimEnd('\r'));
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var found = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Key, out var v) && v == l.Value))
            {
                values.Add(double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }

        return values.Count switch
        {
            0 => 0,
            1 => values[0],
            _ => throw new InvalidOperationException($"{values.Count} samples of {name} match; name more labels.\n{Lines(text, name)}"),
        };
    }

    private static string Lines(string text, string prefix) =>
        string.Join("\n", text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}

/// <summary>
/// OpenTelemetry listens to meters by name in the whole process, so while other test apps run
/// beside it a scrape would also carry their "Kefu" and ASP.NET Core measurements. The metrics
/// tests therefore run alone, after the parallel ones (a few seconds).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics, alone in the process";
}

[Collection(MetricsRunAlone.Name)]
public sealed class ObservabilityTestsOnSqlite(SqliteMetricsApp app) : ObservabilityTests(app), IClassFixture<SqliteMetricsApp>;

[Collection(MetricsRunAlone.Name)]
public sealed class ObservabilityTestsOnPostgres(PostgresMetricsApp app) : ObservabilityTests(app), IClassFixture<PostgresMetricsApp>;

/// <summary>Kefu exporting over OTLP/HTTP to a local listener standing in for a collector.</summary>
public sealed class OtlpApp() : ClockApp(DatabaseKind.Sqlite)
{
    public WebhookListener Collector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kefu:Otlp:Endpoint", $"http://127.0.0.1:{Collector.Port}");
        builder.UseSetting("Kefu:Otlp:Protocol", "http/protobuf");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Collector.Dispose();
    }
}

public sealed class OtlpExportTests(OtlpApp app) : IClassFixture<OtlpApp>
{
    [Fact]
    public async Task Metrics_and_traces_go_to_the_configured_collector()
    {
        using (var admin = await app.ClientFor("admin"))
        using (var me = await admin.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        var paths = app.Collector.Received.Select(r => r.Path).ToHashSet();
        Assert.Contains("/v1/metrics", paths);
        Assert.Contains("/v1/traces", paths);
    }
}
