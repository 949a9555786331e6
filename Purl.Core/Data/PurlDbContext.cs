using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Identity;
using Purl.Core.Messaging;

namespace Purl.Core.Data;

/// <summary>The one database of Purl (`purldb`). Each feature keeps its entity configurations next to its entities.</summary>
public sealed class PurlDbContext(DbContextOptions<PurlDbContext> options)
    : IdentityDbContext<PurlUser, PurlRole, Guid>(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PurlDbContext).Assembly);
    }
}
