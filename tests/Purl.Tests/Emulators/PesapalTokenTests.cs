using System.Net;
using Purl.Emulators.Pesapal;

namespace Purl.Tests.Emulators;

public sealed class ShortLivedTokensEmulator : EmulatorApp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Pesapal:TokenLifetime"] = "00:00:03";
}

public sealed class PesapalTokenTests(ShortLivedTokensEmulator emulator) : IClassFixture<ShortLivedTokensEmulator>
{
    private readonly PesapalTestClient _pesapal = new(emulator.CreateClient());

    [Fact]
    public async Task The_configured_key_and_secret_get_a_token_with_its_expiry_date_in_camel_case()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DateTime.UtcNow;

        var answer = await _pesapal.RequestTokenAsync(EmulatorApp.ConsumerKey, EmulatorApp.ConsumerSecret, ct);

        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        Assert.Equal("200", answer.Text("status"));
        Assert.False(string.IsNullOrEmpty(answer.Text("token")));
        Assert.False(answer.Json.TryGetProperty("expiry_date", out _));
        var expiry = DateTime.Parse(answer.Text("expiryDate")!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, expiry.Kind);
        Assert.InRange(expiry, before.AddSeconds(3), DateTime.UtcNow.AddSeconds(3));
    }

    [Fact]
    public async Task A_wrong_secret_gets_a_401_with_an_error_and_no_token()
    {
        var answer = await _pesapal.RequestTokenAsync(EmulatorApp.ConsumerKey, "not-the-secret", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.HttpStatus);
        Assert.Equal("401", answer.Text("status"));
        Assert.Equal("invalid_consumer_key_or_secret_provided", answer.ErrorCode);
        Assert.Null(answer.Text("token"));
    }

    [Fact]
    public async Task A_token_works_until_it_expires_and_is_refused_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = (await _pesapal.RequestTokenAsync(EmulatorApp.ConsumerKey, EmulatorApp.ConsumerSecret, ct)).Text("token");

        var fresh = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);
        await Task.Delay(TimeSpan.FromSeconds(3.5), ct);
        var expired = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, ct);

        Assert.Equal(HttpStatusCode.OK, fresh.HttpStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.HttpStatus);
        Assert.Equal("token_expired", expired.ErrorCode);
    }

    [Theory]
    [InlineData(null, "missing_authorization_token")]
    [InlineData("made-up-token", "invalid_token")]
    public async Task Calls_without_a_token_it_issued_are_refused(string? token, string code)
    {
        var answer = await _pesapal.GetAsync(PesapalRoutes.GetIpnList, token, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.HttpStatus);
        Assert.Equal("401", answer.Text("status"));
        Assert.Equal(code, answer.ErrorCode);
    }
}
