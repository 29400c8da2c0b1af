using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Database;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Jobs;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Observability;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Seeding;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Platform;

/// <summary>Composition of the shared machinery; Program.cs only calls these.</summary>
public static class PlatformSetup
{
    public sealed record StartupOptions(bool Demo);

    public static void AddKefuPlatform(this WebApplicationBuilder builder, bool demo)
    {
        var services = builder.Services;
        services.AddSingleton(new StartupOptions(demo));
        services.AddSingleton(TimeProvider.System);
        var database = builder.AddKefuDatabase();
        builder.AddKefuAuth();
        services.AddWritePolicies();
        builder.AddKefuLocalization();
        services.AddScoped<Seeder>();
        services.AddScoped<Kefu.Web.Platform.Seeding.DemoSatisfactionSeeder>();
        services.AddSingleton<CalendarService>();
        services.AddScoped<CalendarAdmin>();
        services.AddScoped<CalendarSheet>();
        AddCalendarArrangements(builder);
        services.AddScoped<PolicyStore>();
        services.AddScoped<Kefu.Web.Platform.Localization.ChangeText>();
        services.AddScoped<Kefu.Web.Platform.Sequences.NumberSequences>();
        services.AddScoped<Kefu.Web.Platform.Attachments.AttachmentStore>();
        Kefu.Web.Platform.Import.SpreadsheetLimits.Register(services);
        AddNotifications(services);
        services.AddScoped<SlaService>();
        services.AddScoped<Dashboard.DashboardComposer>();
        services.AddScoped<Dashboard.IDashboardWidget, MyDeadlinesWidget>();
        services.AddScoped<Dashboard.IDashboardWidget, TeamSlaWidget>();
        services.AddScoped<Dashboard.IDashboardWidget, CompanySlaWidget>();
        services.AddScoped<SlaSweeper>();
        services.AddHostedService<DatabaseInitializer>();

        builder.AddKefuDataProtection();
        builder.AddKefuObservability();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddKefuApiDocs();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = ApiAntiforgery.HeaderName;
            // Secure over HTTPS (also behind a TLS-terminating proxy with Kefu:ForwardedHeaders); the default never sets it.
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Modules";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToFolder("/Account/Pages");
                o.Conventions.AllowAnonymousToPage("/Home/Pages/Error");
                o.Conventions.Add(new Http.PageNumberFromQuery());
            })
            .AddKefuViewLocalization()
            .AddMvcOptions(o => o.Filters.Add<PageConflictFilter>());
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
            .Configure<IStringLocalizerFactory>(LocalizationSetup.LocalizeModelBinding);
        // Bad JSON reaches ApiExceptionHandler, which answers 400 naming the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => BoundaryJson.AddTo(o.SerializerOptions));
    }

    /// <summary>CAL-02: arranged years, the recompute of open deadlines, the weekly reminder and the readiness check.</summary>
    private static void AddCalendarArrangements(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CalendarArrangements>();
        builder.Services.AddScoped<CalendarReminders>();
        builder.Services.AddScoped<DeadlineRecompute>();
        builder.Services.AddHealthChecks().AddCheck<CalendarHealthCheck>("calendar", tags: ["ready"]);
        builder.AddDailyJob<CalendarReminderJob>("calendar-reminder", 8, 0);
    }

    /// <summary>NTF-01/02: inbox, outbox, the four outside channels and the live bell.</summary>
    private static void AddNotifications(IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<ChannelTester>();
        services.AddHttpClient("notifications", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<IChannelSender, SmtpSender>();
        services.AddScoped<IChannelSender>(sp => new RobotSender(sp.GetRequiredService<IHttpClientFactory>(), NotificationChannel.WeCom));
        services.AddScoped<IChannelSender>(sp => new RobotSender(sp.GetRequiredService<IHttpClientFactory>(), NotificationChannel.DingTalk));
        services.AddScoped<IChannelSender, SmsSender>();
        services.AddSignalR();
        services.AddSingleton<Kefu.Web.Data.IInboxObserver, HubInboxObserver>();
    }

    public static void UseKefuPlatform(this WebApplication app)
    {
        // Behind a load balancer or TLS-terminating proxy the client address (audit, sign-in limits)
        // comes from X-Forwarded-For and the scheme from X-Forwarded-Proto, so cookies are Secure
        // when the browser used HTTPS. Only turn it on when clients cannot reach Kefu but through the proxy.
        if (app.Configuration.GetValue<bool>("Kefu:ForwardedHeaders"))
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        app.UseKefuMetrics();
        app.WarnIfKeysAreStoredInClear();

        // Localisation first, so error pages and problem details speak the caller's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler("/error/500");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseApiAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        // Degraded (the calendar lacks this year's arrangement, CAL-02) still answers 200, with the reason.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapHub<NotificationHub>(NotificationHub.Path);
        app.MapKefuApiDocs();
    }

    /// <summary>"Healthy" alone when all is well; otherwise the status and one line per check that is not, with its reason.</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join("\n", lines.Prepend(report.Status.ToString())));
    }

    /// <summary>The /api group: signed-in callers only, 401 instead of a login redirect.</summary>
    public static RouteGroupBuilder MapKefuApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableCookieRedirect().AddQueryBoundary();
        api.MapAuthApi();
        api.MapCalendarApi();
        api.MapNotificationsApi();
        api.MapSlaApi();
        return api;
    }

    public static void MapKefuPages(this WebApplication app) => app.MapRazorPages();
}
