using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Purl.Core.Search.Elasticsearch;
using Purl.Core.Search.Postgres;

namespace Purl.Core.Search;

public static class SearchExtensions
{
    /// <summary>The connection string that switches search to Elasticsearch (<c>ConnectionStrings__elasticsearch</c>).</summary>
    public const string ElasticsearchName = "elasticsearch";

    /// <summary>
    /// The search engine and its index: Elasticsearch 8 when <c>ConnectionStrings:elasticsearch</c> is set, else Postgres
    /// itself. Needs <c>AddPurlDatabase()</c> and <c>AddRedisClient("redis")</c>.
    /// </summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SearchOptions>().Bind(builder.Configuration.GetSection(SearchOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CategoryDirectory>();
        services.TryAddSingleton<SearchCache>();
        services.TryAddSingleton<SearchService>();

        if (UsesElasticsearch(builder.Configuration, out var elasticsearch))
        {
            services.AddElasticsearchClient(ElasticsearchConnection.Parse(elasticsearch));
            services.TryAddSingleton<ISearchEngine, ElasticsearchSearchEngine>();
            services.TryAddSingleton<ISearchIndex, ElasticsearchSearchIndex>();
        }
        else
        {
            services.TryAddSingleton<SearchSnapshots>();
            services.TryAddSingleton<ISearchEngine, PostgresSearchEngine>();
            services.TryAddSingleton<ISearchIndex, PostgresSearchIndex>();
        }
        return builder;
    }

    /// <summary>For the API: with the Postgres engine, reads the search snapshot at start (<see cref="SearchSnapshotPreload"/>).</summary>
    public static IHostApplicationBuilder AddSearchSnapshotPreload(this IHostApplicationBuilder builder)
    {
        if (!UsesElasticsearch(builder.Configuration, out _)) builder.Services.AddHostedService<SearchSnapshotPreload>();
        return builder;
    }

    private static bool UsesElasticsearch(IConfiguration configuration, out string connectionString)
    {
        connectionString = configuration.GetConnectionString(ElasticsearchName) ?? "";
        return connectionString.Length > 0;
    }

    /// <summary>Index upkeep for the workers: rebuild when empty at start, then periodic maintenance.</summary>
    public static IServiceCollection AddSearchIndexJobs(this IServiceCollection services)
    {
        services.AddHostedService<SearchIndexJobs>();
        return services;
    }
}
