using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Issue 14: nothing acknowledged is lost. A real Kefu process (the built app, started as an operator
/// starts it) takes creates from 32 writers at once; it is killed with SIGKILL while they are still
/// writing (no shutdown code runs), then started again on the same database. Every customer whose
/// create was answered 201 before the kill is there after the restart, with its name; on SQLite
/// (WAL, through the single-writer line) and on PostgreSQL.
/// </summary>
public sealed class CrashDurabilityTests
{
    private const int Writers = 32;
    private const int AcknowledgedBeforeKill = 150;

    [Fact]
    public Task Every_acknowledged_create_survives_kill_9_on_SQLite() => KillInTheMiddleAsync(DatabaseKind.Sqlite);

    [PostgresFact]
    public Task Every_acknowledged_create_survives_kill_9_on_PostgreSQL() => KillInTheMiddleAsync(DatabaseKind.Postgres);

    /// <summary>A fresh installation has the company only: the administrator adds a branch and a centre for the customers.</summary>
    private static async Task<int> CentreAsync(HttpClient admin)
    {
        var units = (await admin.GetFromJsonAsync<JsonArray>("/api/org/units"))!;
        var company = (int)units.Single(u => u!["parentId"] is null)!["id"]!;
        using var branch = await admin.PostAsJsonAsync("/api/org/units", new { parentId = company, kind = "Branch", code = "CRASH-B", name = "断电分公司" });
        Assert.Equal(HttpStatusCode.Created, branch.StatusCode);
        var branchId = (int)(await branch.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var centre = await admin.PostAsJsonAsync("/api/org/units", new { parentId = branchId, kind = "Centre", function = "CustomerService", code = "CRASH-C", name = "断电中心" });
        Assert.Equal(HttpStatusCode.Created, centre.StatusCode);
        return (int)(await centre.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task KillInTheMiddleAsync(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var data = Directory.CreateTempSubdirectory("kefu-crash-");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = kind.ToString(),
            ["ConnectionStrings__Kefu"] = database.ConnectionString,
        };
        try
        {
            var acknowledged = new ConcurrentDictionary<int, string>();
            var refusedOrCut = 0;
            string? refusal = null;
            await using (var kefu = await KefuProcess.StartAsync(environment, demo: false, data: data))
            {
                using var admin = await kefu.SignInAsync("admin", KefuProcess.AdminPassword);
                var centreId = await CentreAsync(admin);
                using var enough = new CancellationTokenSource();
                var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
                {
                    for (var n = 0; ; n++)
                    {
                        var name = $"断电客户{w:D2}-{n:D4}";
                        try
                        {
                            using var response = await admin.PostAsJsonAsync("/api/customers", new { name, centreId, confirmDuplicate = true });
                            if (response.StatusCode != HttpStatusCode.Created)
                            {
                                refusal ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                                Interlocked.Increment(ref refusedOrCut);
                                return;
                            }

                            var id = (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
                            acknowledged[id] = name;
                            if (acknowledged.Count >= AcknowledgedBeforeKill)
                            {
                                enough.Cancel();
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                        {
                            // The process died under this request: its answer never came, so nothing was promised.
                            Interlocked.Increment(ref refusedOrCut);
                            return;
                        }
                    }
                })).ToArray();

                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(60), enough.Token).ContinueWith(_ => { }, TaskScheduler.Default), Task.WhenAll(writers));
                await kefu.KillAsync(); // while the writers are still sending
                await Task.WhenAll(writers);
            }

            Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} creates were acknowledged before the kill; {refusal}");
            Assert.True(refusedOrCut > 0, "the kill came after every writer had stopped: it did not hit writes in flight");

            await using var restarted = await KefuProcess.StartAsync(environment, demo: false, data: data);
            using var reader = await restarted.SignInAsync("admin", KefuProcess.AdminPassword);
            var missing = new List<string>();
            foreach (var (id, name) in acknowledged)
            {
                using var response = await reader.GetAsync($"/api/customers/{id}");
                if (response.StatusCode != HttpStatusCode.OK || (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["name"] != name)
                {
                    missing.Add($"{id} {name}: {(int)response.StatusCode}");
                }
            }

            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged creates are missing after the restart: {string.Join("; ", missing.Take(10))}");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
