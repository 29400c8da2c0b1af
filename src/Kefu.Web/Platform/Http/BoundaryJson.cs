using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kefu.Core.Calendar;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// A value the JSON reader refuses at the boundary, with the message people read. The serializer
/// adds the JSON path (the field), and <see cref="ApiExceptionHandler"/> answers 400 naming it.
/// </summary>
public sealed class BoundaryJsonException(string messageKey, params object?[] args) : JsonException(messageKey)
{
    public string MessageKey { get; } = messageKey;

    public IReadOnlyList<object?> Args { get; } = args;

    /// <summary>Where inside the value at <see cref="JsonException.Path"/> the bad part sits, e.g. "[2].date".</summary>
    public string? InnerPath { get; init; }

    /// <summary>The field as the API names it: "lines[2].date".</summary>
    public string Field
    {
        get
        {
            var path = (Path ?? "$").TrimStart('$', '.');
            var name = path + (InnerPath ?? "");
            return name.Length == 0 ? "body" : name.TrimStart('.');
        }
    }
}

/// <summary>
/// The strict boundary for request bodies, registered once for every API endpoint: dates and
/// instants inside <see cref="InputRange"/>, amounts inside <see cref="InputRange.MaxAmountYuan"/>,
/// and no null inside an array. Each refusal is a <see cref="BoundaryJsonException"/>.
/// </summary>
public static class BoundaryJson
{
    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new SingleNameEnumConverter());
        options.Converters.Add(new DateOnlyInRange());
        options.Converters.Add(new DateTimeInRange());
        options.Converters.Add(new DateTimeOffsetInRange());
        options.Converters.Add(new DecimalInRange());
        options.Converters.Add(new TextWithoutNul());
        options.Converters.Add(new NoNullElements());
    }

    private static T InRange<T>(T value, bool inRange) =>
        inRange ? value : throw new BoundaryJsonException("Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year);

    private sealed class DateOnlyInRange : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new BoundaryJsonException("Validation.Date");
            }

            return InRange(date, InputRange.Contains(date));
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class DateTimeInRange : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var value))
            {
                throw new BoundaryJsonException("Validation.Instant");
            }

            return InRange(value, InputRange.Contains(value));
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class DateTimeOffsetInRange : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            {
                throw new BoundaryJsonException("Validation.Instant");
            }

            return InRange(value, InputRange.Contains(value));
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A NUL character is never text a person typed; PostgreSQL refuses it in text columns.</summary>
    private sealed class TextWithoutNul : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new BoundaryJsonException("Validation.BadJsonValue");
            }

            var text = reader.GetString()!;
            return text.Contains('\0', StringComparison.Ordinal) ? throw new BoundaryJsonException("Validation.Text") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class DecimalInRange : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            decimal value;
            if (reader.TokenType == JsonTokenType.String)
            {
                // Web defaults read numbers written as strings; so does this boundary, strictly.
                if (!decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    throw new BoundaryJsonException("Validation.Number");
                }
            }
            else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out value))
            {
                throw new BoundaryJsonException("Validation.Number");
            }

            return Math.Abs(value) <= InputRange.MaxAmountYuan
                ? value
                : throw new BoundaryJsonException("Validation.NumberTooLarge", InputRange.MaxAmountYuan.ToString("N0", CultureInfo.InvariantCulture));
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>
    /// Arrays and lists of any element type: a null element is refused (no input list of Kefu has
    /// a meaning for one, and a use case would otherwise meet it as a null reference).
    /// </summary>
    private sealed class NoNullElements : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => ElementOf(typeToConvert) is not null;

        public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter?)Activator.CreateInstance(typeof(ListConverter<,>).MakeGenericType(typeToConvert, ElementOf(typeToConvert)!));

        private static Type? ElementOf(Type type)
        {
            if (type.IsArray && type.GetArrayRank() == 1)
            {
                return type.GetElementType();
            }

            if (!type.IsGenericType || type.GetGenericArguments().Length != 1)
            {
                return null;
            }

            var definition = type.GetGenericTypeDefinition();
            return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
                   || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
                ? type.GetGenericArguments()[0]
                : null;
        }

        private sealed class ListConverter<TCollection, TElement> : JsonConverter<TCollection>
            where TCollection : class, IEnumerable<TElement>
        {
            public override TCollection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new BoundaryJsonException("Validation.List");
                }

                var items = new List<TElement>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        throw new BoundaryJsonException("Validation.NullInList", items.Count + 1) { InnerPath = $"[{items.Count}]" };
                    }

                    try
                    {
                        items.Add(JsonSerializer.Deserialize<TElement>(ref reader, options)!);
                    }
                    catch (JsonException e)
                    {
                        // The element was read on its own, so its path starts again at "$": put it under the list's.
                        var inner = $"[{items.Count}]" + (e.Path ?? "$").TrimStart('$');
                        throw e is BoundaryJsonException b
                            ? new BoundaryJsonException(b.MessageKey, [.. b.Args]) { InnerPath = inner }
                            : new BoundaryJsonException("Validation.BadJsonValue") { InnerPath = inner };
                    }
                }

                return typeof(TCollection).IsArray ? (TCollection)(object)items.ToArray() : (TCollection)(object)items;
            }

            public override void Write(Utf8JsonWriter writer, TCollection value, JsonSerializerOptions options)
            {
                writer.WriteStartArray();
                foreach (var item in value)
                {
                    JsonSerializer.Serialize(writer, item, options);
                }

                writer.WriteEndArray();
            }
        }
    }
}
