namespace Purl.Core.Catalog;

/// <summary>
/// How Purl ranks products, in one place. Postgres computes all three, so the listings, the materialised views and the
/// live fallback can never disagree:
/// <list type="bullet">
/// <item><b>Popularity</b> (the <c>popular</c> sort): <c>views + 25 × sales</c>, a stored column of <c>products</c>,
/// so category pages sort and resume on an index. A sale is worth 25 views: about what a view-to-purchase rate of 4%
/// makes one.</item>
/// <item><b>Hotness</b> (<c>hotProducts</c> on the home): popularity decayed by age,
/// <c>(popularity + 1) / (age in days + 2)^1.5</c>, the SQL function <c>product_hot_score</c> (Catalog migration). A week-old product
/// needs about 2.5× the popularity of a two-day-old one to rank beside it, so new products that sell rise fast and old
/// best-sellers make room.</item>
/// <item><b>Top rated</b>: the average rating pulled towards 4.0 by ten phantom reviews,
/// <c>(rating × reviews + 4.0 × 10) / (reviews + 10)</c>, so one five-star review does not beat two hundred 4.8s
/// (the view <c>live_top_rated_products</c>).</item>
/// </list>
/// </summary>
public static class Popularity
{
    /// <summary>Views one sale counts for (written into <see cref="ColumnSql"/>).</summary>
    public const int SaleWeight = 25;

    /// <summary>The stored column's expression.</summary>
    public const string ColumnSql = "view_count + 25 * sold_count";
}
