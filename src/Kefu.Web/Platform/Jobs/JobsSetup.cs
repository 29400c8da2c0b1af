using Kefu.Web.Platform.Database;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Quartz;

namespace Kefu.Web.Platform.Jobs;

/// <summary>
/// Recurring work on Quartz. On PostgreSQL the job store is clustered in the database, so with
/// several nodes each sweep runs on one node at a time; on SQLite (one node) it runs in memory.
/// The SLA and outbox state itself lives in Kefu's own tables either way.
/// </summary>
public static class JobsSetup
{
    /// <summary>A module's job on a daily schedule (company time), plus one run at start-up.</summary>
    public static void AddDailyJob<TJob>(this WebApplicationBuilder builder, string name, int hour, int minute) where TJob : class, IJob =>
        builder.Services.AddSingleton(new ModuleJob(typeof(TJob), name, hour, minute));

    /// <summary>A module's job at a fixed interval (for work whose hour is a policy the job reads itself), plus one run at start-up.</summary>
    public static void AddRecurringJob<TJob>(this WebApplicationBuilder builder, string name, TimeSpan every) where TJob : class, IJob =>
        builder.Services.AddSingleton(new ModuleJob(typeof(TJob), name, 0, 0, every));

    /// <summary>Registers Quartz with the platform's sweeps and every module's <see cref="ModuleJob"/>; call it after the modules.</summary>
    public static void AddKefuJobs(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.From(builder.Configuration);
        var moduleJobs = builder.Services.Where(d => d.ServiceType == typeof(ModuleJob)).Select(d => (ModuleJob)d.ImplementationInstance!).ToArray();
        if (!builder.Configuration.GetValue("Kefu:Jobs:Enabled", true))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Kefu:Jobs:SweepSeconds", 5));
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "Kefu";
                o.GenerateInstanceId = true;
            });
            if (database.Provider == DatabaseProvider.Postgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(database.ConnectionString);
                    s.UseSystemTextJsonSerializer(_ => { });
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                    s.ProvisionSchema();
                });
            }

            // /health/ready: Quartz's own check (running, store reachable). Degraded rather than
            // Unhealthy when it fails: the node still serves pages, only its jobs stop.
            q.AddQuartzHealthChecks(o =>
            {
                o.Name = "jobs";
                o.Tags.Add("ready");
                o.FailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded;
            });
            Every<SlaSweepJob>(q, "sla-sweep", interval);
            Every<OutboxJob>(q, "outbox", interval);
            foreach (var job in moduleJobs)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Name, "kefu").StoreDurably().DisallowConcurrentExecution());
                if (job.Every is { } every)
                {
                    q.AddTrigger(t => t.ForJob(job.Name, "kefu").WithIdentity(job.Name + "-every", "kefu").StartAt(DateTimeOffset.UtcNow.Add(every))
                        .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(every).RepeatForever()));
                }
                else
                {
                    q.AddTrigger(t => t.ForJob(job.Name, "kefu").WithIdentity(job.Name + "-daily", "kefu")
                        .WithSchedule(CronScheduleBuilder.Create(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0 {job.Minute} {job.Hour} * * ?")).InTimeZone(CompanyTime.Zone)));
                }

                q.AddTrigger(t => t.ForJob(job.Name, "kefu").WithIdentity(job.Name + "-startup", "kefu").StartNow());
            }
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void Every<TJob>(IQuartzBuilder q, string name, TimeSpan interval) where TJob : class, IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(name, "kefu").StoreDurably().DisallowConcurrentExecution());
        q.AddTrigger<TJob>(t => t.ForJob(name, "kefu").WithIdentity(name + "-trigger", "kefu").StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()));
    }
}

/// <summary>A module's recurring job, registered through <see cref="JobsSetup.AddDailyJob{TJob}"/>.</summary>
public sealed record ModuleJob(Type JobType, string Name, int Hour, int Minute, TimeSpan? Every = null);

/// <summary>SLA-02: the sweep of due warnings and breaches.</summary>
public sealed class SlaSweepJob(SlaSweeper sweeper) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}

/// <summary>NTF-02: delivery of the outbox.</summary>
public sealed class OutboxJob(OutboxDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await dispatcher.DispatchDueAsync(cancellationToken);
}
