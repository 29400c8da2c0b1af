using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Platform.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// The whole Kefu app in the test process, on a database of its own (fresh SQLite file or fresh
/// PostgreSQL database), migrated and seeded with the demo organisation at start, as in production.
/// Use one per test class (a class fixture): starting it costs a second or two.
/// </summary>
public abstract class KefuFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The <c>admin</c> user's password: the seeder reads it from KEFU_ADMIN_PASSWORD.</summary>
    public const string AdminPassword = "Admin-test-2026";

    public const string DemoPassword = Seeder.DefaultDemoPassword;

    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly string _dataDirectory = Path.Combine(TestDatabase.TempRoot, $"data-{Guid.NewGuid():N}");
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _shared = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<IDisposable> _companions = [];
    private TestDatabase? _database;
    private bool _ownsDatabase = true;

    protected KefuFactory(DatabaseKind kind)
    {
        Kind = kind;
        // Process-wide, read by the seeder when a host starts; every factory sets the same values.
        Environment.SetEnvironmentVariable("KEFU_ADMIN_PASSWORD", AdminPassword);
        Environment.SetEnvironmentVariable("KEFU_DEMO_PASSWORD", DemoPassword);
    }

    public DatabaseKind Kind { get; }

    /// <summary>
    /// Whether this app starts on a copy of a database that was already migrated and seeded by an
    /// app with the same settings (<see cref="DatabaseTemplates"/>): the copy takes a fraction of a
    /// second where migrating and seeding take several. Apps whose settings change what is seeded
    /// (another environment, a clock of their own that no template was made with) say false and
    /// start on an empty database.
    /// </summary>
    protected virtual bool StartsFromTemplate => true;

    /// <summary>
    /// The name of the way this app seeds, which names its template: apps with the same name seed
    /// the same rows. <see cref="NewTemplateMaker"/> makes the template with those settings.
    /// </summary>
    protected virtual string Seeding => "default";

    /// <summary>Whether this app's seed is dated from the real time (its template is made again after a few minutes).</summary>
    protected virtual bool SeedAges => true;

    /// <summary>An app with this app's seeding settings that starts on an empty database: it makes the template.</summary>
    protected virtual KefuFactory NewTemplateMaker() => new TemplateApp(Kind);

    /// <summary>
    /// Failed sign-ins per client address and minute; high so that ordinary tests (all from one
    /// in-memory client) never hit it by accident. Null keeps the app's default.
    /// </summary>
    protected virtual int? FailedSignInsPerAddressPerMinute => 10_000;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory has not been initialised (or PostgreSQL is not available).");

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres && PostgresRequirement.SkipReason is not null)
        {
            // The tests of this class are skipped; there is nothing to start.
            return;
        }

        _database = StartsFromTemplate
            ? await DatabaseTemplates.CopyAsync(Kind, Seeding, SeedAges, template => MigrateAndSeedAsync(NewTemplateMaker(), template))
            : await TestDatabase.CreateAsync(Kind);
        Directory.CreateDirectory(_dataDirectory);
        // Starts the host: migrations and seeding run before it takes requests.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Kind.ToString());
        builder.UseSetting("ConnectionStrings:Kefu", ConnectionString);
        builder.UseSetting("Kefu:Demo", "true");
        builder.UseSetting("Kefu:DataDirectory", _dataDirectory);
        // A throwaway database: the write-ahead log is synced at checkpoints only (a commit still
        // survives the app's crash), as PostgreSQL runs without fsync here. The crash tests run
        // Kefu in a process of its own with the production default.
        builder.UseSetting("Database:SqliteSynchronous", "Normal");
        if (FailedSignInsPerAddressPerMinute is { } perAddress)
        {
            builder.UseSetting("Kefu:SignIn:FailuresPerAddressPerMinute", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Test output shows failures, not the app's start-up chatter.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
    }

    /// <summary>The password of a demo user or of <c>admin</c>.</summary>
    public static string PasswordOf(string userName) => userName == "admin" ? AdminPassword : DemoPassword;

    /// <summary>POST /api/auth/token with the given credentials.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string userName, string password)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
    }

    /// <summary>A client signed in as <paramref name="userName"/> with a bearer token (cached per user).</summary>
    public async Task<HttpClient> ClientFor(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var response = await RequestTokenAsync(userName, PasswordOf(userName));
            Assert.True(response.IsSuccessStatusCode, $"Login as '{userName}' failed: {(int)response.StatusCode}");
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            token = (string)body!["accessToken"]!;
            _tokens[userName] = token;
        }

        return ClientWithBearer(token);
    }

    /// <summary>A client that sends <c>Authorization: Bearer {token}</c> (a sign-in token or an API token).</summary>
    public HttpClient ClientWithBearer(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The id of a staff member, looked up through the API as <c>admin</c>.</summary>
    public async Task<string> StaffIdAsync(string userName)
    {
        var staff = await StaffAsync(userName);
        return (string)staff["id"]!;
    }

    /// <summary>The staff record of a user, as the staff list (GET /api/staff) shows it to <c>admin</c>.</summary>
    public async Task<JsonObject> StaffAsync(string userName)
    {
        using var admin = await ClientFor("admin");
        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/staff?q={Uri.EscapeDataString(userName)}&pageSize=200");
        var row = page!["items"]!.AsArray().SingleOrDefault(r => (string?)r!["userName"] == userName)
            ?? throw new InvalidOperationException($"No staff member '{userName}'.");
        return row.AsObject();
    }

    /// <summary>The id of an org unit by code (GET /api/org/units).</summary>
    public async Task<int> UnitIdAsync(string code)
    {
        using var admin = await ClientFor("admin");
        var units = await admin.GetFromJsonAsync<JsonArray>("/api/org/units");
        var unit = units!.SingleOrDefault(u => (string?)u!["code"] == code) ?? throw new InvalidOperationException($"No org unit '{code}'.");
        return (int)unit["id"]!;
    }

    /// <summary>Creates a staff member as <c>admin</c> (POST /api/staff) and returns the id.</summary>
    public async Task<string> CreateStaffAsync(string userName, string unitCode, string[] roles, string password, bool onDuty = true)
    {
        var unitId = await UnitIdAsync(unitCode);
        using var admin = await ClientFor("admin");
        using var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName,
            displayName = "测试 " + userName,
            employeeNumber = "T" + Guid.NewGuid().ToString("N")[..12],
            orgUnitId = unitId,
            roles,
            password,
            onDuty,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Creating '{userName}' failed: {(int)response.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    /// <summary>
    /// Starts this app as another node on <paramref name="first"/>'s database, which stays
    /// <paramref name="first"/>'s: two hosts on one database, as two nodes behind a load balancer.
    /// The database is already migrated and seeded, so this app only starts.
    /// </summary>
    public void StartAsNodeOf(KefuFactory first)
    {
        _database = first.Database;
        _ownsDatabase = false;
        Directory.CreateDirectory(_dataDirectory);
        _ = Server;
    }

    /// <summary>Values shared by the tests of one class, computed once per factory (ids looked up through the API…).</summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> create) where T : class =>
        (T)await _shared.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    /// <summary>Something a test started for this app (a local webhook endpoint…), stopped after the app.</summary>
    public T DisposeWithApp<T>(T companion) where T : IDisposable
    {
        _companions.Add(companion);
        return companion;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var companion in _companions)
        {
            companion.Dispose();
        }

        _companions.Clear();
        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        _database = null;

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Starts <paramref name="maker"/> on <paramref name="database"/> (migrates and seeds it) and
    /// stops it again, leaving the database in place: how a template is made.
    /// </summary>
    private static async Task MigrateAndSeedAsync(KefuFactory maker, TestDatabase database)
    {
        if (maker.StartsFromTemplate)
        {
            throw new InvalidOperationException($"{maker.GetType().Name} would start from the template it is to make.");
        }

        await using var app = maker;
        app._database = database;
        app._ownsDatabase = false;
        Directory.CreateDirectory(app._dataDirectory);
        _ = app.Server;
    }

    private sealed class TemplateApp(DatabaseKind kind) : KefuFactory(kind)
    {
        protected override bool StartsFromTemplate => false;
    }
}

/// <summary>Kefu on a fresh SQLite file.</summary>
public sealed class SqliteApp() : KefuFactory(DatabaseKind.Sqlite);

/// <summary>Kefu on a fresh PostgreSQL database.</summary>
public sealed class PostgresApp() : KefuFactory(DatabaseKind.Postgres), IRequiresPostgres;
