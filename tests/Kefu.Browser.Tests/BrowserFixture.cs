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
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Kefu:Demo", "true");
            b.UseSetting("Kefu:DataDirectory", _dataDirectory);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Kefu", $"Data Source={Path.Combine(_dataDirectory, "kefu.db")}");
            // A free loopback port: several fixtures (and other tests) run side by side.
            b.UseSetting("urls", "http://127.0.0.1:0");
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
