using System.Net;
using System.Text.Json.Nodes;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

public sealed class PesapalIpnRegistrationTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task Registered_urls_are_listed_with_their_ids_and_notification_types()
    {
        var ct = TestContext.Current.CancellationToken;
        var getUrl = $"https://shop.example/ipn/{Guid.NewGuid():N}";
        var postUrl = $"https://shop.example/ipn/{Guid.NewGuid():N}";

        var registered = await _pesapal.PostAsync(PesapalRoutes.RegisterIpn, new JsonObject { ["url"] = getUrl, ["ipn_notification_type"] = "GET" }, ct);
        var postId = await _pesapal.RegisterIpnAsync(postUrl, "POST", ct);
        var list = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, await _pesapal.TokenAsync(ct), ct);

        Assert.Equal("200", registered.Text("status"));
        Assert.Equal(getUrl, registered.Text("url"));
        Assert.True(Guid.TryParse(registered.Text("ipn_id"), out var getId));
        Assert.NotNull(registered.Text("created_date"));
        Assert.Equal("GET", registered.Text("ipn_notification_type_description"));

        var entries = list.Json.EnumerateArray().ToDictionary(e => e.GetProperty("ipn_id").GetString()!);
        Assert.Equal(getUrl, entries[getId.ToString()].GetProperty("url").GetString());
        Assert.Equal(postUrl, entries[postId.ToString()].GetProperty("url").GetString());
        Assert.Equal("POST", entries[postId.ToString()].GetProperty("ipn_notification_type_description").GetString());
        Assert.Equal("200", entries[postId.ToString()].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("https://shop.example/ipn", "PUT", "invalid_ipn_notification_type")]
    [InlineData("not a url", "GET", "invalid_ipn_url")]
    public async Task A_bad_registration_is_refused(string url, string type, string code)
    {
        var answer = await _pesapal.PostAsync(PesapalRoutes.RegisterIpn, new JsonObject { ["url"] = url, ["ipn_notification_type"] = type },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.HttpStatus);
        Assert.Equal(code, answer.ErrorCode);
    }
}
