using Kefu.Web.Platform.Database;

namespace Kefu.Web.Platform.Seeding;

/// <summary>
/// Applies migrations and seeds before any hosted service starts and before the server takes
/// requests (StartingAsync runs ahead of every StartAsync), in the app and in test hosts alike.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, PlatformSetup.StartupOptions options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<Seeder>();
        await seeder.SeedBaseAsync(Environment.GetEnvironmentVariable("KEFU_ADMIN_PASSWORD"), Console.Out);
        if (options.Demo)
        {
            await seeder.SeedDemoAsync(Environment.GetEnvironmentVariable("KEFU_DEMO_PASSWORD"), Console.Out);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
