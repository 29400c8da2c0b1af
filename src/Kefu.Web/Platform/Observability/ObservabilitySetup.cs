using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kefu.Web.Data;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kefu.Web.Platform.Observability;

/// <summary>The Prometheus endpoint and the database gauges (<c>Kefu:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Kefu:Metrics";

    /// <summary>Serve <c>/metrics</c> for Prometheus. Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Client networks (CIDR, comma-separated) that may scrape without a token; loopback by default.</summary>
    public string AllowedNetworks { get; set; } = "127.0.0.0/8, ::1/128";

    /// <summary>A token that lets a scraper in from any address with <c>Authorization: Bearer …</c>; none by default.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The SLA-lag and outbox gauges read the database at most this often (seconds).</summary>
    public int GaugeCacheSeconds { get; set; } = 10;

    internal IReadOnlyList<IPNetwork> Networks() =>
        AllowedNetworks.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => IPNetwork.TryParse(n, out var network) ? network
                : throw new InvalidOperationException($"Kefu:Metrics:AllowedNetworks: '{n}' is not a network in CIDR form (10.0.0.0/8, ::1/128)."))
            .ToArray();
}

/// <summary>
/// OpenTelemetry (ADR 0012): metrics for Prometheus at <c>/metrics</c> when <c>Kefu:Metrics:Enabled</c>,
/// metrics and traces over OTLP when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// or <c>Kefu:Otlp:Endpoint</c>). With neither, the SDK is not even registered.
/// </summary>
public static class ObservabilitySetup
{
    public const string ScrapePath = "/metrics";

    public static void AddKefuObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.Networks() is not null).ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<KefuMetrics>();
        services.AddSingleton<DbCommandMetrics>();
        // Options belong to the provider's own context type (ADR 0011), whichever is registered.
        services.ConfigureDbContext<SqliteKefuDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DbCommandMetrics>()));
        services.ConfigureDbContext<PostgresKefuDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DbCommandMetrics>()));
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", tags: ["ready"]);

        var prometheus = configuration.GetValue<bool>($"{MetricsOptions.Section}:Enabled");
        var otlp = OtlpEndpoint(configuration);
        if (!prometheus && otlp is null)
        {
            return;
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kefu", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                // http.server.request.duration (with http.route) and the other ASP.NET Core meters.
                m.AddAspNetCoreInstrumentation();
                m.AddMeter(KefuMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql");
                if (prometheus)
                {
                    // Each scrape sees current values; Prometheus itself sets the pace.
                    m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    m.AddOtlpExporter(o => otlp.Apply(o, "metrics"));
                }
            });
        if (otlp is not null)
        {
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(ScrapePath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(o => otlp.Apply(o, "traces")));
        }
    }

    /// <summary>
    /// <c>/metrics</c> for allowed callers only; for anyone else the request goes on as if the
    /// endpoint did not exist (404). Call it after the forwarded headers, so the client address is
    /// the real one behind a proxy.
    /// </summary>
    public static void UseKefuMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        var networks = options.Networks();
        var token = string.IsNullOrEmpty(options.BearerToken) ? null : Encoding.UTF8.GetBytes(options.BearerToken);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: c => c.Request.Path == ScrapePath && IsAllowed(c, networks, token),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    internal static bool IsAllowed(HttpContext context, IReadOnlyList<IPNetwork> networks, byte[]? token)
    {
        if (token is not null && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), token))
        {
            return true;
        }

        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return networks.Any(n => n.Contains(address));
    }

    /// <summary>
    /// The standard variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>…_PROTOCOL</c>, <c>…_HEADERS</c>),
    /// which the exporter reads itself, or else Kefu's own <c>Kefu:Otlp:Endpoint</c> and <c>Kefu:Otlp:Protocol</c>.
    /// </summary>
    private static OtlpTarget? OtlpEndpoint(ConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return new OtlpTarget(null, OtlpExportProtocol.Grpc);
        }

        var text = configuration["Kefu:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Kefu:Otlp:Endpoint: '{text}' is not an http or https address.");
        }

        var protocol = configuration["Kefu:Otlp:Protocol"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"Kefu:Otlp:Protocol must be grpc or http/protobuf, not '{other}'."),
        };
        return new OtlpTarget(uri, protocol);
    }

    /// <summary>Where OTLP goes; a null endpoint leaves the exporter to the standard environment variables.</summary>
    private sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol Protocol)
    {
        public void Apply(OtlpExporterOptions options, string signal)
        {
            if (Endpoint is null)
            {
                return;
            }

            options.Protocol = Protocol;
            // Over HTTP each signal has its own path under the base address; gRPC takes the address as it is.
            options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal)
                : Endpoint;
        }
    }
}
