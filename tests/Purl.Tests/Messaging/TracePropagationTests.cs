using System.Diagnostics;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

public sealed class TracePropagationTests(MessagingResources resources) : IClassFixture<MessagingResources>
{
    private const string SourceName = "Purl.Tests.TracePropagation";
    private static readonly ActivitySource Source = new(SourceName);

    [Fact]
    public async Task The_consumer_runs_in_the_trace_of_the_request_that_raised_the_event()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SourceName or MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await MessagingTestHost.StartAsync(resources.Resources, null, ct);

        var post = new PostPublished(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        ActivityTraceId requestTrace;
        using (var request = Source.StartActivity("POST /vendor/posts", ActivityKind.Server))
        {
            Assert.NotNull(request);
            requestTrace = request.TraceId;
            await host.CommitAsync(post, ct);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(host.Calls.For(post.PostId).Count == 1),
            TimeSpan.FromSeconds(30), "the consumer handles the post", ct);
        Assert.Equal(requestTrace, host.Calls.For(post.PostId)[0].TraceId);
    }
}
