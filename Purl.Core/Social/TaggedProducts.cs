using System.Text.Json;
using System.Text.Json.Serialization;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Messaging;

namespace Purl.Core.Social;

/// <summary>
/// A post keeps its tagged products' cards (<c>posts.tagged_products</c>: jsonb, in tag order, only products buyers can
/// see), so a feed page reads them with the post: joining every tagged product and its first image for every post on
/// every page was half the cost of the page's statement. The cards are written with the post when it is published or
/// edited, and rewritten when a tagged product changes (<see cref="TaggedProductsRefresh"/>).
/// </summary>
public static class TaggedProducts
{
    /// <summary>The cards of the post <c>p</c>, as they are now.</summary>
    private const string CardsSql = $"""
        coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'id', pr.id, 'name', pr.name, 'price', pr.price, 'currency', pr.currency::text,
                       'imageUrl', (SELECT {ProductImage.UrlSql} FROM product_images AS i WHERE i.product_id = pr.id {ProductImage.CoverOrderSql}))
                   ORDER BY o.n)
            FROM unnest(p.tagged_product_ids) WITH ORDINALITY AS o(id, n)
            JOIN products AS pr ON pr.id = o.id AND pr.is_active AND pr.is_published), '[]'::jsonb)
        """;

    private const string RefreshSql = $"UPDATE posts AS p SET tagged_products = {CardsSql} WHERE ";

    /// <summary>Writes the cards of one post, in the caller's transaction.</summary>
    public static Task RefreshPostAsync(PurlDbContext db, Guid postId, CancellationToken ct) =>
        db.ExecuteAsync(RefreshSql + "p.id = $1", ct, postId);

    /// <summary>
    /// Rewrites the cards of the posts that tag the product, where they changed (the array's GIN index finds the posts).
    /// The cards are computed in the UPDATE's own expressions, not in a subquery: if the vendor edits a post meanwhile,
    /// Postgres re-evaluates them against the row version it locks, so an edit's tags are never overwritten by older ones.
    /// </summary>
    public static Task<int> RefreshForProductAsync(PurlDbContext db, Guid productId, CancellationToken ct) =>
        db.ExecuteAsync(RefreshSql + $"p.tagged_product_ids @> ARRAY[$1]::uuid[] AND p.tagged_products IS DISTINCT FROM {CardsSql}", ct, productId);

    /// <summary>Writes the cards of every post that tags anything: for posts copied in bulk, such as the demo data.</summary>
    public const string RefreshAllSql = RefreshSql + "cardinality(p.tagged_product_ids) > 0";

    /// <summary>The cards from the column's JSON, as UTF-8.</summary>
    public static IReadOnlyList<TaggedProductCard> Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, TaggedProductsJson.Default.ListTaggedProductCard) ?? [];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<TaggedProductCard>))]
internal sealed partial class TaggedProductsJson : JsonSerializerContext;

/// <summary>Keeps the cards on posts in step with the products they tag: a rename, a new price or photo, a product hidden.</summary>
public sealed class TaggedProductsRefresh : IConsumer<ProductChanged>
{
    public Task HandleAsync(ProductChanged message, ConsumeContext context, CancellationToken cancellationToken) =>
        TaggedProducts.RefreshForProductAsync(context.Db, message.ProductId, cancellationToken);
}
