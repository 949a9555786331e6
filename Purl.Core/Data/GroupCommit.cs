using System.Threading.Channels;

namespace Purl.Core.Data;

/// <summary>
/// Group commit: writes asked for at the same moment go to Postgres together, in one statement and one commit, and
/// each caller is answered only once the commit holding its write is done. Under a burst a commit (and its WAL flush)
/// serves dozens of requests instead of one; when traffic is light a batch is a single write, so nobody waits for
/// company. A failed batch fails every caller in it, and nothing of it is written.
/// </summary>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _writeBatch;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    /// <param name="writeBatch">Writes the items in one transaction and returns one result per item, in order.</param>
    /// <param name="maxBatch">The most items one commit takes.</param>
    /// <param name="writers">Batches in flight at once: a second one fills while the first is committing.</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> writeBatch, int maxBatch = 256, int writers = 2)
    {
        _writeBatch = writeBatch;
        _maxBatch = maxBatch;
        // The loops outlive the request that happens to create this: they must not carry its trace or culture along.
        using (ExecutionContext.SuppressFlow())
            _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>
    /// Returns once the item is committed. Cancelling stops the wait, not the write: an item already queued may still
    /// be written.
    /// </summary>
    public Task<TResult> WriteAsync(TItem item, CancellationToken ct)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>));
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0) continue;
            try
            {
                var results = await _writeBatch(batch.ConvertAll(p => p.Item), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
            }
            batch.Clear();
        }
    }

    /// <summary>Takes no more writes and returns once everything already queued is committed (or has failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}
