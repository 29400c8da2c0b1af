using System.Reflection;
using Kefu.Core.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// Query strings and route values as strict as JSON bodies, for every API endpoint at once: the
/// framework binds an enum with <see cref="Enum.TryParse(Type, string?, out object?)"/>, which
/// takes numbers and comma lists ("Delay,Damage" became the OR of two flags), and binds any date
/// it can parse. This filter looks at the raw value of each enum and date parameter and answers
/// 400 naming the parameter when it is not one defined name, not one value, or outside
/// <see cref="InputRange"/>. Months and quarters have their own types (<see cref="YearMonth"/>).
/// </summary>
public static class QueryBoundary
{
    public static TBuilder AddQueryBoundary<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Create);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters().Select((p, i) => ParameterCheck.For(p, i)).OfType<ParameterCheck>().ToArray();
        if (checks.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var problems = new ProblemBuilder();
            foreach (var check in checks)
            {
                check.Validate(invocation, problems);
            }

            return problems.HasErrors ? problems.ToProblem() : await next(invocation);
        };
    }

    private sealed record ParameterCheck(string Name, int Index, Type Type)
    {
        public static ParameterCheck? For(ParameterInfo parameter, int index)
        {
            if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null || parameter.GetCustomAttribute<FromServicesAttribute>() is not null
                || parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                return null;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (!type.IsEnum && type != typeof(DateOnly) && type != typeof(DateTime) && type != typeof(DateTimeOffset) && type != typeof(string))
            {
                return null;
            }

            var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? parameter.Name!;
            return new ParameterCheck(name, index, type);
        }

        public void Validate(EndpointFilterInvocationContext invocation, ProblemBuilder problems)
        {
            var request = invocation.HttpContext.Request;
            var raw = request.Query.TryGetValue(Name, out var values) ? values
                : request.RouteValues.TryGetValue(Name, out var route) ? new Microsoft.Extensions.Primitives.StringValues(route?.ToString()) : default;
            if (raw.Count == 0 || (raw.Count == 1 && string.IsNullOrEmpty(raw[0])))
            {
                return;
            }

            if (raw.Count > 1 && Type != typeof(string))
            {
                problems.Add(Name, "Validation.OneValue", Name);
                return;
            }

            var text = raw[0]!;
            if (Type == typeof(string))
            {
                // A NUL is never typed by a person, and PostgreSQL refuses it in a text parameter.
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    problems.Add(Name, "Validation.Text");
                }

                return;
            }

            if (Type.IsEnum)
            {
                // One defined name: never a number, never a comma list.
                if (!Enum.GetNames(Type).Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(Name, "Validation.BadValue", Name);
                }

                return;
            }

            var inRange = invocation.Arguments[Index] switch
            {
                DateOnly d => InputRange.Contains(d),
                DateTime t => InputRange.Contains(t),
                DateTimeOffset o => InputRange.Contains(o),
                _ => true,
            };
            if (!inRange)
            {
                problems.Add(Name, "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year);
            }
        }
    }
}
