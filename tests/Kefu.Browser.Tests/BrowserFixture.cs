using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Kefu on a real loopback port (SQLite, demo data) and Debian's Chromium driven by Playwright.
/// Nothing is downloaded: the browser is the one KEFU_BROWSER names (scripts/test.sh sets it).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public static string? BrowserPath => Environment.GetEnvironmentVariable("KEFU_BROWSER") is { Length: > 0 } p ? p : null;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "kefu-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public const string AdminPassword = "Admin-browser-2026";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's services, for a test that seeds what the API cannot (a visit the nightly plan would write).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (BrowserPath is null)
        {
            return;
        }

        Directory.CreateDirectory(_dataDirectory);
        // The admin user is created at first start with this password.
        Environment.SetEnvironmentVariable("KEFU_ADMIN_PASSWORD", AdminPassword);
        var database = Path.Combine(_dataDirectory, "kefu.db");
        if (StartsFromTemplate)
        {
            await CopyTemplateAsync(database);
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            Configure(b, _dataDirectory, database);
            ConfigureApp(b);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    private static void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder b, string dataDirectory, string database)
    {
        b.UseSetting("Kefu:Demo", "true");
        b.UseSetting("Kefu:DataDirectory", dataDirectory);
        b.UseSetting("Database:Provider", "Sqlite");
        b.UseSetting("ConnectionStrings:Kefu", $"Data Source={database}");
        // A throwaway database: commits are synced at checkpoints only.
        b.UseSetting("Database:SqliteSynchronous", "Normal");
        // A free loopback port: several fixtures (and other tests) run side by side.
        b.UseSetting("urls", "http://127.0.0.1:0");
    }

    /// <summary>
    /// Whether the app starts on a copy of a database already migrated and seeded with the demo
    /// (seconds faster than seeding again). A fixture that seeds differently (its own clock) says false.
    /// The template is made again once it is older than 3 minutes: demo data is dated from its seeding.
    /// </summary>
    protected virtual bool StartsFromTemplate => true;

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly string TemplateDirectory = Path.Combine(Path.GetTempPath(), "kefu-browser-template-" + Guid.NewGuid().ToString("N"));
    private static DateTime _templateMadeAt;

    private static async Task CopyTemplateAsync(string database)
    {
        var template = Path.Combine(TemplateDirectory, "kefu.db");
        await TemplateGate.WaitAsync();
        try
        {
            if (!File.Exists(template) || DateTime.UtcNow - _templateMadeAt > TimeSpan.FromMinutes(3))
            {
                if (Directory.Exists(TemplateDirectory))
                {
                    Directory.Delete(TemplateDirectory, recursive: true);
                }

                Directory.CreateDirectory(TemplateDirectory);
                await using (var seeding = new WebApplicationFactory<Program>().WithWebHostBuilder(b => Configure(b, TemplateDirectory, template)))
                {
                    // Starting the host migrates and seeds; nothing listens.
                    _ = seeding.Services;
                }

                await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={template};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                    await checkpoint.ExecuteNonQueryAsync();
                }

                using (var pooled = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={template}"))
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
                }

                if (_templateMadeAt == default)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    {
                        try
                        {
                            Directory.Delete(TemplateDirectory, recursive: true);
                        }
                        catch (IOException)
                        {
                            // Left to the OS's temp cleaning.
                        }
                    };
                }

                _templateMadeAt = DateTime.UtcNow;
            }

            File.Copy(template, database);
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>What a derived fixture changes in the app (a moved clock, a setting) before it starts.</summary>
    protected virtual void ConfigureApp(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temp directory is cleaned by the OS.
        }
    }

    /// <summary>Where screenshots go: docs/screenshots in the repository (the README shows them).</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kefu.slnx")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}

/// <summary>A browser test that is skipped, saying why, when no browser is configured (plain dotnet test).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.BrowserPath is null)
        {
            Skip = "KEFU_BROWSER is not set; scripts/test.sh sets it to /usr/bin/chromium.";
        }
    }
}
