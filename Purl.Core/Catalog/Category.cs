using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Purl.Core.Catalog;

public sealed class Category
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories");
        b.Property(c => c.Slug).HasMaxLength(60);
        b.Property(c => c.Name).HasMaxLength(80);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasData(BaseCategories.All);
    }
}
