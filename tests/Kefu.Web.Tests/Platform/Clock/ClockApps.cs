using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>A clock the test moves by hand; the app reads time only through TimeProvider.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _utcTicks, to.UtcTicks);
}

/// <summary>
/// Kefu with a hand-moved clock and without the recurring jobs, so a test decides when the SLA
/// sweep and the outbox run. Tokens live long enough for clock jumps of days.
/// </summary>
public abstract class ClockApp(DatabaseKind kind) : KefuFactory(kind)
{
    public static readonly DateTimeOffset Start = new(2026, 9, 28, 9, 0, 0, TimeSpan.FromHours(8));

    public ManualClock Clock { get; } = new(Start);

    /// <summary>
    /// The demo is seeded at this app's own clock, which starts at <see cref="Start"/> in every clock
    /// app: they share a template seeded at that moment (which never ages). An app that changes its
    /// settings further (a derived class) seeds on an empty database of its own.
    /// </summary>
    protected override bool StartsFromTemplate => GetType() == typeof(SqliteClockApp) || GetType() == typeof(PostgresClockApp);

    protected override string Seeding => "clock";

    protected override bool SeedAges => false;

    protected override KefuFactory NewTemplateMaker() => new TemplateMaker(Kind);

    /// <summary>A clock app that seeds on an empty database: it makes the clock apps' template.</summary>
    private sealed class TemplateMaker(DatabaseKind kind) : ClockApp(kind)
    {
        protected override bool StartsFromTemplate => false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kefu:Jobs:Enabled", "false");
        builder.UseSetting("Kefu:TokenMinutes", "500000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DI scope, as a request or a job would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteClockApp() : ClockApp(DatabaseKind.Sqlite);

public sealed class PostgresClockApp() : ClockApp(DatabaseKind.Postgres), IRequiresPostgres;
