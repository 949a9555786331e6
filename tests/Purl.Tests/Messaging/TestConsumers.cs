using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Messaging;

namespace Purl.Tests.Messaging;

/// <summary>What <see cref="RecordEffect"/> was called with, in memory (attempts, trace ids); the effects that count are rows.</summary>
public sealed class ConsumerCalls
{
    public sealed record Call(Guid MessageId, Guid PostId, int Attempt, bool Redelivered, ActivityTraceId TraceId);

    private readonly ConcurrentQueue<Call> _calls = new();

    public void Add(Call call) => _calls.Enqueue(call);

    public IReadOnlyList<Call> For(Guid postId) => _calls.Where(c => c.PostId == postId).ToList();
}

/// <summary>Writes one <c>test_effects</c> row per post it handles, in the runner's transaction; posts of <see cref="PoisonVendor"/> always throw.</summary>
public sealed class RecordEffect(ConsumerCalls calls) : IConsumer<PostPublished>
{
    public const string Queue = "purl.record-effect";
    public static readonly Guid PoisonVendor = Guid.Parse("00000000-0000-0000-0000-00000000dead");

    public async Task HandleAsync(PostPublished message, ConsumeContext context, CancellationToken cancellationToken)
    {
        calls.Add(new(context.MessageId, message.PostId, context.Attempt, context.Redelivered, Activity.Current?.TraceId ?? default));
        if (message.VendorId == PoisonVendor) throw new InvalidOperationException($"Post {message.PostId} is poison");
        await context.Db.Database.ExecuteSqlAsync(
            $"INSERT INTO test_effects (message_id, consumer, post_id) VALUES ({context.MessageId}, 'record-effect', {message.PostId})",
            cancellationToken);
    }
}
