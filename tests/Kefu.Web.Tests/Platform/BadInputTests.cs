using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Every API operation, every kind of bad input, as a user who may call it (the authorization
/// matrix names one per endpoint and gives a valid sample URL and body). The requests are derived
/// from the endpoint's own metadata (route, query parameters, body type), so a new endpoint is
/// covered without anyone adding a row. For each request: no 5xx; a 400 is a problem response, and
/// one caused by a value the boundary refuses (wrong type, impossible or out-of-range date, comma
/// list or number for an enum, null inside a list, text beyond its column) names the field; and a
/// 4xx writes nothing (no audit line by the caller, and every write is audited).
/// </summary>
public abstract class BadInputTests(KefuFactory app, ITestOutputHelper output)
{
    private static readonly string HugeText = new('字', 100_000);

    /// <summary>
    /// One bad request: what is changed, where, and whether the answer must name it. A syntax probe
    /// (a value of the wrong JSON or route type) is refused by model binding before any handler
    /// or database runs, so its answer does not depend on the database.
    /// </summary>
    private sealed record Probe(string What, string Url, HttpContent? Body, string? Field, bool MustNameField, bool Syntax = false);

    /// <summary>
    /// Whether the syntax probes are sent. They are the same on every database (binding refuses them
    /// first), so one provider's sweep sends them; the other sends every value that reaches a handler.
    /// </summary>
    protected virtual bool SendsSyntaxProbes => true;

    public sealed class EndpointDataAttribute : DataAttribute
    {
        public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
            AuthorizationMatrixTests.Matrix.Keys.Order(StringComparer.Ordinal).Select(k => new object[] { k });
    }

    private sealed class Samples(KefuFactory app) : AuthorizationMatrixTests(app);

    [ProviderTheory]
    [EndpointData]
    public async Task Endpoint_BadInput_NeverServerErrorNamesTheFieldWritesNothing(string endpoint)
    {
        var rule = AuthorizationMatrixTests.Matrix[endpoint];
        var ids = await new Samples(app).SampleIdsAsync(endpoint);
        var method = endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)];
        var route = FindEndpoint(endpoint);
        using var client = rule.Allowed is null ? app.CreateClient() : await app.ClientFor(rule.Allowed);
        var userId = rule.Allowed is null ? null : await app.StaffIdAsync(rule.Allowed);

        var failures = new List<string>();
        var sent = 0;
        // The last audit line before the probe: read again only after a probe that was accepted (and may have written).
        var before = await LastAuditIdAsync();
        foreach (var probe in Probes(route, rule.Url(ids), rule.Body?.Invoke(ids)).Where(p => SendsSyntaxProbes || !p.Syntax))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), probe.Url) { Content = probe.Body };
            using var response = await client.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var shortText = text.Length > 300 ? text[..300] : text;
            if (status >= 500)
            {
                failures.Add($"{probe.What}: {status} {shortText}");
                before = await LastAuditIdAsync();
                continue;
            }

            if (status < 400)
            {
                before = await LastAuditIdAsync();
            }

            if (status is >= 400 and < 500 && userId is not null && await WroteAsync(before, userId))
            {
                failures.Add($"{probe.What}: {status} but the request wrote a row");
                before = await LastAuditIdAsync();
            }

            if (status == 400 && !IsProblem(response, text, probe, out var why))
            {
                failures.Add($"{probe.What}: 400 {why}: {shortText}");
            }
        }

        output.WriteLine($"{endpoint}: {sent} bad requests, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{endpoint}, {failures.Count} of {sent} bad requests failed:\n  " + string.Join("\n  ", failures));
    }

    private static bool IsProblem(HttpResponseMessage response, string text, Probe probe, out string why)
    {
        why = "";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            why = "not a problem response";
            return false;
        }

        var problem = JsonNode.Parse(text)!.AsObject();
        var fields = problem["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToArray() : [];
        if (fields.Length == 0 && problem["detail"] is null && problem["title"] is null)
        {
            why = "says nothing";
            return false;
        }

        if (probe.MustNameField && probe.Field is { } field
            && !fields.Any(f => f.Contains(field, StringComparison.OrdinalIgnoreCase) || field.Contains(f, StringComparison.OrdinalIgnoreCase)))
        {
            why = $"does not name '{field}' (names {string.Join(", ", fields)})";
            return false;
        }

        return true;
    }

    private async Task<long> LastAuditIdAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    private async Task<bool> WroteAsync(long before, string userId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        return await db.AuditEntries.AnyAsync(a => a.Id > before && a.UserId == userId && a.Action != "Login" && a.Action != "LoginFailed" && a.Action != "TokenIssued");
    }

    private RouteEndpoint FindEndpoint(string key)
    {
        var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
        var pattern = key[(key.IndexOf(' ', StringComparison.Ordinal) + 2)..];
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText!.Trim('/') == pattern
                         && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false));
    }

    // ---- Probes -------------------------------------------------------------------------------

    private static IEnumerable<Probe> Probes(RouteEndpoint endpoint, string sampleUrl, object? sampleBody)
    {
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var probe in RouteProbes(endpoint, sampleUrl, sampleBody))
        {
            yield return probe;
        }

        if (handler is not null)
        {
            foreach (var parameter in handler.GetParameters().Where(p => IsQuery(p, routeNames)))
            {
                foreach (var probe in QueryProbes(parameter, sampleUrl, sampleBody))
                {
                    yield return probe;
                }
            }
        }

        if (accepts is null)
        {
            yield break;
        }

        if (accepts.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal) || c.Contains("form", StringComparison.Ordinal)))
        {
            yield return new Probe("JSON instead of a form", sampleUrl, Json("{}"), null, false, Syntax: true);
            yield return new Probe("empty form", sampleUrl, new MultipartFormDataContent(), null, false);
            var garbage = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("not a file at all")), "file", "x.xlsx" } };
            yield return new Probe("garbage file", sampleUrl, garbage, null, false);
            yield break;
        }

        if (accepts.RequestType is not { } bodyType || bodyType == typeof(object))
        {
            yield break;
        }

        var sample = sampleBody is null or HttpContent ? new JsonObject() : JsonSerializer.SerializeToNode(sampleBody, JsonSerializerOptions.Web)!.AsObject();
        yield return new Probe("malformed JSON", sampleUrl, Json("{\"a\":"), null, false, Syntax: true);
        yield return new Probe("array instead of object", sampleUrl, Json("[]"), null, false, Syntax: true);
        yield return new Probe("number instead of object", sampleUrl, Json("42"), null, false, Syntax: true);
        yield return new Probe("empty body", sampleUrl, Json(""), null, false, Syntax: true);
        foreach (var probe in BodyProbes(bodyType, sample, "", sampleUrl, depth: 0))
        {
            yield return probe;
        }
    }

    private static bool IsQuery(ParameterInfo parameter, HashSet<string> routeNames)
    {
        if (parameter.GetCustomAttribute<FromServicesAttribute>() is not null || parameter.GetCustomAttribute<FromBodyAttribute>() is not null
            || routeNames.Contains(parameter.Name!))
        {
            return false;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly)
               || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);
    }

    private static IEnumerable<Probe> RouteProbes(RouteEndpoint endpoint, string sampleUrl, object? sampleBody)
    {
        var path = sampleUrl.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        var pattern = endpoint.RoutePattern.PathSegments;
        for (var i = 0; i < pattern.Count && i < segments.Length; i++)
        {
            if (pattern[i].Parts is not [Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter])
            {
                continue;
            }

            foreach (var bad in new[] { "0", "-1", "2147483647", "99999999999999999999", "abc", "%20" })
            {
                var changed = (string[])segments.Clone();
                changed[i] = bad;
                yield return new Probe($"route {parameter.Name}={bad}", "/" + string.Join('/', changed) + Query(sampleUrl), BodyOf(sampleBody), parameter.Name, false,
                    Syntax: bad is "abc" or "%20" or "99999999999999999999");
            }
        }
    }

    private static string Query(string url) => url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "";

    private static IEnumerable<Probe> QueryProbes(ParameterInfo parameter, string sampleUrl, object? sampleBody)
    {
        var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        // Query values the binder refuses by type alone are syntax probes; a value of the right type reaches the handler.
        IEnumerable<(string Value, bool Named)> values = type switch
        {
            _ when type.IsEnum => [(string.Join(',', Enum.GetNames(type).Take(2)), true), ("1", true), ("NoSuchValue", true), ("99", true)],
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => [("abc", true), ("-1", false), ("0", false), ("99999999999999999999", true), ("2147483647", false)],
            _ when type == typeof(decimal) || type == typeof(double) => [("abc", true), ("-1", false), ("1e400", true), ("79228162514264337593543950336", true)],
            _ when type == typeof(bool) => [("maybe", true)],
            _ when type == typeof(DateOnly) => [("9999-12-31", true), ("0001-01-01", true), ("2026-02-30", true), ("yesterday", true)],
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => [("9999-12-31T00:00:00Z", true), ("0001-01-01T00:00:00Z", true), ("nonsense", true)],
            _ when type == typeof(Guid) => [("not-a-guid", true)],
            _ => [(new string('x', 4_000), false), ("2026-13", false), ("9999-12", false), ("0001-01", false), ("2026-Q9", false), ("'; DROP TABLE x; --", false), ("%", false), ("a\0b", true)],
        };

        var typed = type.IsEnum || type == typeof(bool) || type == typeof(Guid) || type == typeof(int) || type == typeof(long) || type == typeof(short)
                    || type == typeof(decimal) || type == typeof(double);
        foreach (var (value, named) in values)
        {
            // An enum, bool or Guid refused, or a number that is not one: the binder's answer.
            yield return new Probe($"query {name}={Cut(value)}", WithQuery(sampleUrl, name, value), BodyOf(sampleBody), name, named, Syntax: typed && named);
        }

        yield return new Probe($"query {name} twice", WithQuery(WithQuery(sampleUrl, name, "1"), name, "2", append: true), BodyOf(sampleBody), name, false, Syntax: true);
    }

    private static string WithQuery(string url, string name, string value, bool append = false)
    {
        var (path, query) = url.Contains('?', StringComparison.Ordinal) ? (url[..url.IndexOf('?', StringComparison.Ordinal)], url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]) : (url, "");
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => append || !p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase)).ToList();
        pairs.Add($"{name}={Uri.EscapeDataString(value)}");
        return path + "?" + string.Join('&', pairs);
    }

    private static StringContent? BodyOf(object? sample) => sample switch
    {
        null => null,
        HttpContent => null,
        _ => Json(JsonSerializer.Serialize(sample, JsonSerializerOptions.Web)),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Cut(string value) => value.Length > 40 ? value[..20] + $"…({value.Length})" : value;

    /// <summary>For each property of the body type: its bad values, in the otherwise valid sample body.</summary>
    private static IEnumerable<Probe> BodyProbes(Type type, JsonObject sample, string prefix, string url, int depth)
    {
        foreach (var property in JsonProperties(type))
        {
            var field = prefix + property.Name;
            foreach (var (value, named, what) in BadValues(property.Type))
            {
                var body = (JsonObject)sample.DeepClone();
                body[property.Name] = value?.DeepClone();
                yield return new Probe($"{field}={what}", url, Json(body.ToJsonString()), property.Name, named, Syntax: IsWrongJsonType(property.Type, value));
            }

            // One level into lists of records (claim lines, survey questions, chain steps): each of
            // the first element's properties gets its bad values.
            if (depth == 0 && ElementOf(property.Type) is { } element && IsRecord(element))
            {
                var first = sample[property.Name] is JsonArray { Count: > 0 } items && items[0] is JsonObject o ? o : new JsonObject();
                foreach (var inner in BodyProbes(element, first, field + "[0].", url, depth + 1))
                {
                    var body = (JsonObject)sample.DeepClone();
                    var innerBody = JsonNode.Parse(((StringContent)inner.Body!).ReadAsStringAsync().GetAwaiter().GetResult())!;
                    body[property.Name] = new JsonArray(innerBody);
                    yield return inner with { Body = Json(body.ToJsonString()) };
                }
            }
            else if (depth == 0 && IsRecord(Nullable.GetUnderlyingType(property.Type) ?? property.Type))
            {
                var nested = sample[property.Name] as JsonObject ?? new JsonObject();
                foreach (var inner in BodyProbes(property.Type, nested, field + ".", url, depth + 1))
                {
                    var body = (JsonObject)sample.DeepClone();
                    body[property.Name] = JsonNode.Parse(((StringContent)inner.Body!).ReadAsStringAsync().GetAwaiter().GetResult());
                    yield return inner with { Body = Json(body.ToJsonString()) };
                }
            }
        }
    }

    /// <summary>
    /// Whether a value is of the wrong JSON kind for the property (a number or object for a text, a
    /// text for a number, a flag, a list or a record, an enum name that is not one): the JSON reader
    /// refuses it before the handler runs. Dates, nulls, empty and long texts and numbers out of range
    /// are read and reach the handler.
    /// </summary>
    private static bool IsWrongJsonType(Type declared, JsonNode? value)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (value is null || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return false;
        }

        var kind = value.GetValueKind();
        if (type == typeof(string))
        {
            return kind != JsonValueKind.String;
        }

        if (type == typeof(bool) || type.IsEnum)
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return kind != JsonValueKind.Number || value.ToJsonString().Contains('.', StringComparison.Ordinal) || value.ToJsonString().Length > 18;
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            return kind != JsonValueKind.Number || value.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase);
        }

        if (ElementOf(type) is not null || IsRecord(type))
        {
            return kind == JsonValueKind.String || (value is JsonArray { Count: 1 } a && a[0] is JsonValue v && ElementOf(type) == typeof(string) && v.GetValueKind() == JsonValueKind.Number);
        }

        return kind == JsonValueKind.String && type == typeof(Guid);
    }

    private static IEnumerable<(string Name, Type Type)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    private static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("Kefu", StringComparison.Ordinal) == true;

    private static Type? ElementOf(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;

    /// <summary>The bad values for a property type: (value, must the 400 name the field, label).</summary>
    private static IEnumerable<(JsonNode? Value, bool Named, string What)> BadValues(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        yield return (null, false, "null");
        if (type == typeof(string))
        {
            // Text beyond its column. Other types get their wrong-type probes below, which take the
            // same refusal path as a long text would, without sending 300 KB each.
            yield return (JsonValue.Create(HugeText), false, "100000 chars");
            yield return (JsonValue.Create(12345), true, "a number");
            yield return (new JsonObject(), true, "an object");
            yield return (JsonValue.Create(""), false, "empty");
            yield return (JsonValue.Create("a\0b"), true, "NUL");
            yield return (JsonValue.Create("<script>alert(1)</script>' OR 1=1 --"), false, "markup");
            yield break;
        }

        if (type == typeof(bool))
        {
            yield return (JsonValue.Create("maybe"), true, "'maybe'");
            yield break;
        }

        if (type.IsEnum)
        {
            yield return (JsonValue.Create(string.Join(',', Enum.GetNames(type).Take(2))), true, "comma list");
            yield return (JsonValue.Create(1), true, "a number");
            yield return (JsonValue.Create("1"), true, "'1'");
            yield return (JsonValue.Create("NoSuchValue"), true, "unknown name");
            yield break;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            yield return (JsonValue.Create("abc"), true, "'abc'");
            yield return (JsonValue.Create(-1), false, "-1");
            yield return (JsonValue.Create(0), false, "0");
            yield return (JsonValue.Create(int.MaxValue), false, "int.MaxValue");
            yield return (JsonNode.Parse("99999999999999999999"), true, "overflow");
            yield return (JsonValue.Create(1.5), true, "1.5");
            yield break;
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            yield return (JsonValue.Create("abc"), true, "'abc'");
            yield return (JsonValue.Create(-1m), false, "-1");
            yield return (JsonValue.Create(0m), false, "0");
            yield return (JsonValue.Create(0.001m), false, "0.001");
            yield return (JsonValue.Create(99_999_999_999m), false, "huge");
            yield return (JsonNode.Parse("1e30"), true, "1e30");
            yield break;
        }

        if (type == typeof(DateOnly))
        {
            foreach (var bad in new[] { "1900-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "2026-11-30T10:00:00" })
            {
                yield return (JsonValue.Create(bad), true, bad);
            }

            yield break;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            foreach (var bad in new[] { "1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T10:00:00Z", "soon" })
            {
                yield return (JsonValue.Create(bad), true, bad);
            }

            yield break;
        }

        if (ElementOf(type) is { } element)
        {
            yield return (JsonValue.Create("x"), true, "'x'");
            yield return (new JsonArray((JsonNode?)null), true, "[null]");
            yield return (new JsonArray(), false, "[]");
            if (element == typeof(string))
            {
                yield return (new JsonArray(JsonValue.Create(1)), true, "[1]");
                yield return (new JsonArray(JsonValue.Create(HugeText)), false, "[100000 chars]");
            }
            else if (element == typeof(int) || element == typeof(int?))
            {
                yield return (new JsonArray(JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue)), false, "[-1,0,max]");
            }

            yield break;
        }

        if (IsRecord(type))
        {
            yield return (JsonValue.Create("x"), true, "'x'");
            yield return (new JsonObject(), false, "{}");
            yield break;
        }

        // Any other type (Guid, TimeOnly …): a text that is not one.
        yield return (JsonValue.Create("not a value"), true, "text");
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : BadInputTests(app, output), IClassFixture<SqliteApp>;

/// <summary>
/// The same sweep on PostgreSQL, without the syntax probes the SQLite sweep sends (binding refuses
/// them before the database is reached): every value that reaches a handler — long and NUL texts,
/// dates at the ends of the calendar, numbers at their limits — meets PostgreSQL's own types here.
/// </summary>
public sealed class BadInputTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : BadInputTests(app, output), IClassFixture<PostgresApp>
{
    protected override bool SendsSyntaxProbes => false;
}
