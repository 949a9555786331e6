using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Purl.Core.Caching;

/// <summary>
/// HybridCache's L2: Redis through <c>RedisCache</c>, skipped while the shared connection is down. StackExchange.Redis
/// queues commands during an outage until they time out (seconds); a read that can go to Postgres should not wait for
/// that, so while disconnected a lookup is a miss and a write or removal is dropped (L1 and Postgres carry on).
/// </summary>
internal sealed class ConnectedRedisCache(IDistributedCache redisCache, IConnectionMultiplexer connection) : IBufferDistributedCache
{
    private readonly IBufferDistributedCache? _buffers = redisCache as IBufferDistributedCache;

    private bool Up => connection.IsConnected;

    public byte[]? Get(string key) => Up ? redisCache.Get(key) : null;

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        Up ? await redisCache.GetAsync(key, token) : null;

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (Up) redisCache.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Up ? redisCache.SetAsync(key, value, options, token) : Task.CompletedTask;

    public void Refresh(string key)
    {
        if (Up) redisCache.Refresh(key);
    }

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        Up ? redisCache.RefreshAsync(key, token) : Task.CompletedTask;

    public void Remove(string key)
    {
        if (Up) redisCache.Remove(key);
    }

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        Up ? redisCache.RemoveAsync(key, token) : Task.CompletedTask;

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        if (!Up) return false;
        if (_buffers is not null) return _buffers.TryGet(key, destination);
        if (redisCache.Get(key) is not { } bytes) return false;
        destination.Write(bytes);
        return true;
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        if (!Up) return false;
        if (_buffers is not null) return await _buffers.TryGetAsync(key, destination, token);
        if (await redisCache.GetAsync(key, token) is not { } bytes) return false;
        destination.Write(bytes);
        return true;
    }

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options)
    {
        if (!Up) return;
        if (_buffers is not null) _buffers.Set(key, value, options);
        else redisCache.Set(key, value.ToArray(), options);
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!Up) return ValueTask.CompletedTask;
        return _buffers is not null
            ? _buffers.SetAsync(key, value, options, token)
            : new ValueTask(redisCache.SetAsync(key, value.ToArray(), options, token));
    }
}
