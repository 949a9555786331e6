using System.Text.Json;
using Purl.Api.Client;

namespace Purl.Api;

/// <summary>Purl's JSON conventions, shared with the typed client so both sides agree.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = PurlApiClient.JsonOptions.PropertyNamingPolicy;
        foreach (var converter in PurlApiClient.JsonOptions.Converters) options.Converters.Add(converter);
    }
}
