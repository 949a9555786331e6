using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Purl.Api.Client;

/// <summary>Makes Refit clients that speak Purl's JSON (camelCase, enums as lowercase snake strings).</summary>
public static class PurlApiClient
{
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public static RefitSettings Settings { get; } = new(new SystemTextJsonContentSerializer(JsonOptions));

    public static T For<T>(HttpClient http) => RestService.For<T>(http, Settings);

    /// <summary>Sends <paramref name="accessToken"/> as the bearer token on every later request of <paramref name="http"/>.</summary>
    public static HttpClient WithBearer(this HttpClient http, string accessToken)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new UtcTimeConverter());
        return options;
    }
}
