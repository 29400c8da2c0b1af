using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// Enums in API JSON as their names, like <see cref="JsonStringEnumConverter"/>, but one name per
/// value. The standard converter also reads a comma-separated list as the bitwise OR of its names,
/// so "Satisfied,Neutral" arrived as Dissatisfied and "ConfirmProducts,Terms" as Quote: bad input
/// silently became another valid value. For an enum that is not [Flags] such a list is now a
/// JSON error, which <see cref="ApiExceptionHandler"/> answers with 400 naming the field.
/// </summary>
public sealed class SingleNameEnumConverter : JsonConverterFactory
{
    // A number is not a name: "1" or 1 for an enum is refused like any other unknown value.
    private readonly JsonStringEnumConverter _names = new(namingPolicy: null, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _names.CanConvert(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = _names.CreateConverter(typeToConvert, options);
        return typeToConvert.IsDefined(typeof(FlagsAttribute), inherit: false)
            ? inner
            : (JsonConverter?)Activator.CreateInstance(typeof(SingleName<>).MakeGenericType(typeToConvert), inner);
    }

    private sealed class SingleName<T>(JsonConverter inner) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Refuse(ref reader);
            return _inner.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Refuse(ref reader);
            return _inner.ReadAsPropertyName(ref reader, typeToConvert, options);
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _inner.WriteAsPropertyName(writer, value, options);

        private static void Refuse(ref Utf8JsonReader reader)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.GetString() is { } text && text.Contains(',', StringComparison.Ordinal))
            {
                throw new JsonException($"'{text}' is not a single {typeof(T).Name}.");
            }
        }
    }
}
