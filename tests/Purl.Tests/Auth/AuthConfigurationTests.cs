using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Purl.Api;
using Purl.Tests.Infrastructure;

namespace Purl.Tests.Auth;

public sealed class AuthConfigurationTests(PurlApp app) : IClassFixture<PurlApp>
{
    [Theory]
    [InlineData(null, "Auth:SigningKey is not set")]
    [InlineData("c2hvcnQ=", "needs at least 32")]
    [InlineData("not base64!", "not valid base64")]
    public async Task The_api_refuses_to_start_without_a_usable_signing_key(string? key, string message)
    {
        var settings = app.Resources.ToConfiguration();
        settings["Auth:SigningKey"] = key;
        await using var factory = new WebApplicationFactory<ApiAssembly>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (name, value) in settings)
                builder.UseSetting(name, value);
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains(message, error.Message);
    }
}
