using System.Text.Json;
using System.Text.Json.Serialization;

namespace Purl.Api;

/// <summary>Purl's JSON conventions: camelCase, enums as lowercase snake strings, nulls kept.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
