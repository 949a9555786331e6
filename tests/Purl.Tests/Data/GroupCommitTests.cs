using System.Collections.Concurrent;
using Purl.Core.Data;

namespace Purl.Tests.Data;

/// <summary>The batching itself, with a writer that records what it was given instead of a database.</summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_asked_for_at_once_share_commits_and_each_caller_gets_its_own_result()
    {
        var batches = new ConcurrentBag<int>();
        await using var commits = new GroupCommit<int, string>(async (items, _) =>
        {
            batches.Add(items.Count);
            await Task.Delay(20); // a commit takes time; meanwhile the next batch gathers
            return items.Select(i => $"written {i}").ToList();
        }, maxBatch: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => commits.WriteAsync(i, Ct), Ct)));

        Assert.Equal(Enumerable.Range(0, 400).Select(i => $"written {i}"), results);
        Assert.Equal(400, batches.Sum());
        Assert.True(batches.Count < 100, $"400 writes took {batches.Count} commits");
        Assert.All(batches, size => Assert.InRange(size, 1, 50));
    }

    [Fact]
    public async Task A_failed_commit_fails_only_the_callers_in_it_and_the_next_one_is_written()
    {
        var written = new ConcurrentBag<int>();
        var release = new TaskCompletionSource();
        await using var commits = new GroupCommit<int, int>(async (items, _) =>
        {
            await release.Task;
            if (items.Contains(13)) throw new InvalidOperationException("the database refused the batch");
            foreach (var item in items) written.Add(item);
            return items;
        }, writers: 1);

        var first = commits.WriteAsync(1, Ct); // the lone writer takes this one and waits
        await Task.Delay(50, Ct);
        var unlucky = new[] { commits.WriteAsync(12, Ct), commits.WriteAsync(13, Ct) }; // queued together behind it
        release.SetResult();

        Assert.Equal(1, await first);
        foreach (var write in unlucky) await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        Assert.Equal(14, await commits.WriteAsync(14, Ct));
        Assert.Equal([1, 14], written.Order());
    }

    [Fact]
    public async Task Disposing_commits_what_is_queued_and_then_refuses_more()
    {
        var written = new ConcurrentBag<int>();
        var commits = new GroupCommit<int, int>(async (items, _) =>
        {
            await Task.Delay(10);
            foreach (var item in items) written.Add(item);
            return items;
        }, writers: 1);
        var queued = Enumerable.Range(0, 100).Select(i => commits.WriteAsync(i, Ct)).ToList();

        await commits.DisposeAsync();

        Assert.Equal(100, written.Count);
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(queued));
        Assert.Throws<ObjectDisposedException>(() => { _ = commits.WriteAsync(100, Ct); });
    }
}
