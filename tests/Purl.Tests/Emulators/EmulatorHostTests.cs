using System.Net;
using System.Text.Json;

namespace Purl.Tests.Emulators;

public sealed class EmulatorHostTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var response = await emulator.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_root_names_where_each_emulator_is_served()
    {
        var index = JsonDocument.Parse(await emulator.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("/pesapalv3/api", index.GetProperty("pesapal").GetString());
        Assert.Equal("/v1/projects/{project}/messages:send", index.GetProperty("fcm").GetString());
    }
}
