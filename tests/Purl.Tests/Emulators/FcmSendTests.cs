using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Purl.Tests.Emulators;

public sealed class FcmSendTests(EmulatorApp emulator) : IClassFixture<EmulatorApp>
{
    private readonly FcmTestClient _fcm = new(emulator.CreateClient());

    [Fact]
    public async Task A_valid_message_is_accepted_named_and_recorded_with_its_receive_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = FcmTestClient.NewToken();
        var before = DateTime.UtcNow;

        var answer = await _fcm.SendAsync(FcmTestClient.ToToken(token, new JsonObject { ["postId"] = "p-1", ["kind"] = "post" }), ct);
        var recorded = await _fcm.GetAsync($"/_emulator/fcm/messages?token={Uri.EscapeDataString(token)}", ct);

        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        var name = answer.Json.GetProperty("name").GetString()!;
        Assert.StartsWith($"projects/{FcmTestClient.Project}/messages/", name);
        Assert.Equal(1, recorded.GetProperty("count").GetInt32());
        var message = recorded.GetProperty("items")[0];
        Assert.Equal(name, message.GetProperty("name").GetString());
        Assert.Equal("p-1", message.GetProperty("data").GetProperty("postId").GetString());
        Assert.Equal("Mama Mboga posted", message.GetProperty("notification").GetProperty("title").GetString());
        Assert.InRange(message.GetProperty("receivedAt").GetDateTime().ToUniversalTime(), before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
    }

    public static TheoryData<string, string> InvalidMessages => new()
    {
        { """{"message":{"notification":{"title":"t"}}}""", "Recipient of the message is not set." },
        { """{"message":{"token":"a","topic":"news"}}""", "oneof field 'target' is already set" },
        { """{"message":{"token":"a","data":{"from":"x"}}}""", "'from' is reserved" },
        { """{"message":{"token":"a","data":{"message_type":"x"}}}""", "'message_type' is reserved" },
        { """{"message":{"token":"a","data":{"google.c.a.e":"1"}}}""", "'google.c.a.e' is reserved" },
        { """{"message":{"token":"a","data":{"gcm.n.e":"1"}}}""", "'gcm.n.e' is reserved" },
        { """{"message":{"token":"a","data":{"count":3}}}""", "(TYPE_STRING), 3" },
        { """{"message":{"token":"a","priority":"high"}}""", "Unknown name \"priority\"" },
        { """{"message":{"token":"bad token"}}""", "not a valid FCM registration token" },
        { """{"message":{"topic":"/topics/news"}}""", "Invalid topic name" },
        { """{"validate_only":"yes","message":{"token":"a"}}""", "TYPE_BOOL" },
        { """{"message":""", "Invalid JSON payload received." },
    };

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public async Task An_invalid_message_is_400_invalid_argument(string body, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Purl.Emulators.Fcm.FcmRoutes.SendPath(FcmTestClient.Project)) { Content = content };
        request.Headers.Authorization = new("Bearer", FcmTestClient.Bearer);

        using var response = await _fcm.Http.SendAsync(request, ct);
        var error = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString());
        var detail = error.GetProperty("details")[0];
        Assert.Equal("type.googleapis.com/google.firebase.fcm.v1.FcmError", detail.GetProperty("@type").GetString());
        Assert.Equal("INVALID_ARGUMENT", detail.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_payload_of_4096_bytes_is_accepted_and_one_byte_more_is_not()
    {
        var ct = TestContext.Current.CancellationToken;
        static JsonObject Sized(string token, int bytes) => new()
        {
            ["message"] = new JsonObject { ["token"] = token, ["data"] = new JsonObject { ["k"] = new string('x', bytes - 1) } },
        };

        var fits = await _fcm.SendAsync(Sized(FcmTestClient.NewToken(), 4096), ct);
        var tooBig = await _fcm.SendAsync(Sized(FcmTestClient.NewToken(), 4097), ct);

        Assert.Equal(HttpStatusCode.OK, fits.HttpStatus);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.HttpStatus);
        Assert.Equal("INVALID_ARGUMENT", tooBig.ErrorCode);
    }

    [Fact]
    public async Task Topic_and_condition_messages_are_accepted()
    {
        var ct = TestContext.Current.CancellationToken;

        var topic = await _fcm.SendAsync(new JsonObject { ["message"] = new JsonObject { ["topic"] = "vendor-42" } }, ct);
        var condition = await _fcm.SendAsync(new JsonObject { ["message"] = new JsonObject { ["condition"] = "'a' in topics && 'b' in topics" } }, ct);

        Assert.Equal(HttpStatusCode.OK, topic.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, condition.HttpStatus);
    }

    [Fact]
    public async Task Without_a_bearer_the_answer_is_401_and_the_revoked_bearer_gets_third_party_auth_error()
    {
        var ct = TestContext.Current.CancellationToken;

        var missing = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct, bearer: null);
        var revoked = await _fcm.SendAsync(FcmTestClient.ToToken(FcmTestClient.NewToken()), ct, bearer: EmulatorApp.RevokedBearer);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.HttpStatus);
        Assert.Equal("UNAUTHENTICATED", missing.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.HttpStatus);
        Assert.Equal("THIRD_PARTY_AUTH_ERROR", revoked.ErrorCode);
    }

    [Fact]
    public async Task A_token_marked_dead_is_unregistered_and_its_messages_are_not_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var dead = FcmTestClient.NewToken();
        var foreign = FcmTestClient.NewToken();
        using var markedDead = await _fcm.Http.PostAsJsonAsync("/_emulator/fcm/tokens/dead", new { tokens = new[] { dead } }, ct);
        using var markedForeign = await _fcm.Http.PostAsJsonAsync("/_emulator/fcm/tokens/mismatched", new { tokens = new[] { foreign } }, ct);

        var unregistered = await _fcm.SendAsync(FcmTestClient.ToToken(dead), ct);
        var mismatched = await _fcm.SendAsync(FcmTestClient.ToToken(foreign), ct);
        var counts = await _fcm.GetAsync($"/_emulator/fcm/counts?token={Uri.EscapeDataString(dead)}", ct);

        Assert.Equal(HttpStatusCode.NoContent, markedDead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unregistered.HttpStatus);
        Assert.Equal("UNREGISTERED", unregistered.ErrorCode);
        Assert.Equal("NOT_FOUND", unregistered.Status);
        Assert.Equal(HttpStatusCode.Forbidden, mismatched.HttpStatus);
        Assert.Equal("SENDER_ID_MISMATCH", mismatched.ErrorCode);
        Assert.Equal(0, counts.GetProperty("tokens").GetProperty(dead).GetInt64());
    }

    [Fact]
    public async Task A_validate_only_message_is_checked_but_not_delivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = FcmTestClient.NewToken();
        var body = FcmTestClient.ToToken(token);
        body["validate_only"] = true;

        var answer = await _fcm.SendAsync(body, ct);
        var recorded = await _fcm.GetAsync($"/_emulator/fcm/messages?token={Uri.EscapeDataString(token)}", ct);

        Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
        Assert.Equal(0, recorded.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Concurrent_sends_are_all_counted_per_token_and_since_filters_by_receive_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokens = Enumerable.Range(0, 10).Select(_ => FcmTestClient.NewToken()).ToArray();
        var before = await _fcm.GetAsync("/_emulator/fcm/summary", ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => _fcm.SendAsync(FcmTestClient.ToToken(tokens[i % 10]), ct)));
        var middle = DateTime.UtcNow;
        await Task.Delay(50, ct);
        await _fcm.SendAsync(FcmTestClient.ToToken(tokens[0]), ct);

        var query = string.Join("&", tokens.Select(t => "token=" + Uri.EscapeDataString(t)));
        var counts = await _fcm.GetAsync($"/_emulator/fcm/counts?{query}", ct);
        var after = await _fcm.GetAsync("/_emulator/fcm/summary", ct);
        var since = await _fcm.GetAsync($"/_emulator/fcm/messages?token={Uri.EscapeDataString(tokens[0])}&since={middle:O}", ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.HttpStatus));
        Assert.Equal(101, counts.GetProperty("tokens").GetProperty(tokens[0]).GetInt64());
        Assert.All(tokens.Skip(1), t => Assert.Equal(100, counts.GetProperty("tokens").GetProperty(t).GetInt64()));
        Assert.True(after.GetProperty("delivered").GetInt64() - before.GetProperty("delivered").GetInt64() >= 1001);
        Assert.Equal(1, since.GetProperty("count").GetInt32());
    }
}
