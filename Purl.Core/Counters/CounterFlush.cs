using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Counters;

/// <summary>
/// One batch of the counter log folded into Postgres, written in the same transaction as the batch. The newest row is
/// the watermark: every log entry up to <see cref="LastEntry"/> is in Postgres, so the aggregator never applies it again.
/// </summary>
public sealed class CounterFlush
{
    public long Id { get; set; }
    public long LastEntryMs { get; set; }
    public long LastEntrySeq { get; set; }
    public int Entries { get; set; }
    public int Counters { get; set; }
    public DateTimeOffset FlushedAt { get; set; }

    public StreamId LastEntry => new(LastEntryMs, LastEntrySeq);
}

internal sealed class CounterFlushConfiguration : IEntityTypeConfiguration<CounterFlush>
{
    public void Configure(EntityTypeBuilder<CounterFlush> b)
    {
        b.ToTable("counter_flushes");
        b.Property(f => f.Id).UseIdentityAlwaysColumn();
        b.Ignore(f => f.LastEntry);
        // Two aggregators that read the same batch cannot both record it.
        b.HasIndex(f => new { f.LastEntryMs, f.LastEntrySeq }).IsUnique();
        b.HasIndex(f => f.FlushedAt);
    }
}
