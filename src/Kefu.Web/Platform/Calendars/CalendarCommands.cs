using Kefu.Web.Platform.Database;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;

namespace Kefu.Web.Platform.Calendars;

/// <summary>CAL-02 from the command line: <c>Kefu.Web calendar-import FILE [CALENDAR]</c>.</summary>
public static class CalendarCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "calendar-import";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output)
    {
        if (args.Length < 2)
        {
            output.WriteLine("Usage: Kefu.Web calendar-import <holiday-cn.json> [calendarId, default cn]");
            return 2;
        }

        if (!File.Exists(args[1]))
        {
            output.WriteLine($"No such file: {args[1]}");
            return 1;
        }

        var calendarId = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : WorkCalendar.DefaultId;
        var settings = DatabaseSettings.From(configuration);
        await using var db = settings.CreateContext();
        await DatabaseSetup.MigrateAsync(db);
        await CalendarAdmin.EnsureDefaultAsync(db, TimeProvider.System);

        var services = new ServiceCollection().AddSingleton<TimeProvider>(TimeProvider.System).AddSingleton(db).BuildServiceProvider();
        var notifier = new Notifier(db, new PolicyStore(db, TimeProvider.System), TimeProvider.System);
        var admin = new CalendarAdmin(db, new CalendarService(new SingleContextScopes(services), TimeProvider.System), new DeadlineRecompute(db, notifier), TimeProvider.System);
        var (outcome, problems) = await admin.ImportAsync(calendarId, await File.ReadAllTextAsync(args[1]), CancellationToken.None);
        if (outcome is null)
        {
            output.WriteLine($"No calendar '{calendarId}'.");
            return 1;
        }

        if (problems.HasErrors)
        {
            output.WriteLine(string.Join(Environment.NewLine, problems.Errors.SelectMany(e => e.Value)));
            return 1;
        }

        output.WriteLine(outcome.Changed
            ? $"Imported {outcome.Days} days of {outcome.Year} into calendar '{calendarId}'; {outcome.Moved} open deadlines moved."
            : $"Calendar '{calendarId}' already has this arrangement of {outcome.Year}; nothing changed.");
        return 0;
    }

    /// <summary>The CLI has one context and no host; cache refreshes are not needed there.</summary>
    private sealed class SingleContextScopes(IServiceProvider services) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => services.CreateScope();
    }
}
