using Kefu.Web.Modules.Administration;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Modules.Performance;
using Kefu.Web.Modules.Portal;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Modules.Requests;
using Kefu.Web.Modules.Training;
using Kefu.Web.Modules.Organization;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Database;
using Kefu.Web.Platform.Jobs;

// CLI verbs (PLT-06, developer tools) run without starting the web host.
if (BackupCommands.IsCommand(args) || CalendarCommands.IsCommand(args))
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Skip(2).ToArray())
        .Build();
    return CalendarCommands.IsCommand(args)
        ? await CalendarCommands.RunAsync(args, configuration, Console.Out)
        : BackupCommands.Run(args, configuration, Console.Out);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--demo").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.WebHost.UseStaticWebAssets();
builder.AddKefuPlatform(demo: args.Contains("--demo") || builder.Configuration.GetValue<bool>("Kefu:Demo"));
builder.AddOrganization();
builder.AddCustomers();
builder.AddAdministration();
builder.AddExpenses();
builder.AddVisits();
builder.AddIncidents();
builder.AddOrders();
builder.AddField();
builder.AddReceivables();
builder.AddTraining();
builder.AddPerformance();
builder.AddRequests();
builder.AddIntake();
builder.AddPortal();
builder.AddKefuJobs();

var app = builder.Build();
app.UseKefuPlatform();
var api = app.MapKefuApi();
api.MapOrganization();
api.MapCustomers();
api.MapAdministration();
api.MapExpenses();
api.MapVisits();
api.MapIncidents();
api.MapOrders();
app.MapField(api);
api.MapReceivables();
api.MapTraining();
api.MapPerformance();
api.MapRequests();
api.MapIntake();
api.MapPortal();
app.MapKefuPages();

// Migrations and seeding run in DatabaseInitializer before the server accepts requests.
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
