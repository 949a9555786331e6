using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Purl.Emulators;

/// <summary>Types marked with this are read and written in snake_case (Pesapal's bodies).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SnakeCaseJsonAttribute : Attribute;

/// <summary>
/// One serializer for the whole process: camelCase with lowercase snake enums (the control API, FCM) by default, snake_case for the types
/// marked <see cref="SnakeCaseJsonAttribute"/>. A property with its own [JsonPropertyName] keeps that name, which is
/// how Pesapal's odd ones out (<c>expiryDate</c>, the PascalCase IPN keys) stay exact.
/// </summary>
public static class EmulatorJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(SnakeCaseMarkedTypes);
    }

    private static void SnakeCaseMarkedTypes(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !info.Type.IsDefined(typeof(SnakeCaseJsonAttribute), inherit: false))
            return;

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || member.IsDefined(typeof(JsonPropertyNameAttribute)))
                continue;
            property.Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        }
    }
}
