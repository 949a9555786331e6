using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "height",
                table: "product_images",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "thumbnail_hash",
                table: "product_images",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "width",
                table: "product_images",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "popularity",
                table: "products",
                type: "bigint",
                nullable: false,
                computedColumnSql: "view_count + 25 * sold_count",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_created_at_id",
                table: "products",
                columns: new[] { "category_id", "created_at", "id" },
                filter: "is_active AND is_published");

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_popularity_id",
                table: "products",
                columns: new[] { "category_id", "popularity", "id" },
                filter: "is_active AND is_published");

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_price_id",
                table: "products",
                columns: new[] { "category_id", "price", "id" },
                filter: "is_active AND is_published");

            migrationBuilder.CreateIndex(
                name: "ix_products_vendor_id_created_at_id",
                table: "products",
                columns: new[] { "vendor_id", "created_at", "id" },
                filter: "is_active AND is_published");

            // The marketplace home's rankings (see Purl.Core/Catalog/Popularity.cs and MarketplaceViews.cs): each a live view
            // and a materialised copy of it with a unique index (so it can be refreshed CONCURRENTLY), created empty; Purl.Workers
            // fills and refreshes them, and until then readers use the live views.
            migrationBuilder.Sql("""
                CREATE FUNCTION product_hot_score(popularity bigint, created_at timestamptz, at timestamptz)
                RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT (popularity + 1)::double precision / power(greatest(extract(epoch FROM at - created_at) / 86400.0, 0) + 2, 1.5) $$;

                CREATE VIEW live_hot_products AS
                SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank
                FROM (SELECT p.id, product_hot_score(p.popularity, p.created_at, now()) AS score
                      FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.is_active
                      WHERE p.is_active AND p.is_published
                      ORDER BY score DESC, p.id LIMIT 50) ranked;

                CREATE VIEW live_top_rated_products AS
                SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank
                FROM (SELECT p.id, (p.rating * p.review_count + 4.0 * 10) / (p.review_count + 10) AS score
                      FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.is_active
                      WHERE p.is_active AND p.is_published AND p.review_count > 0
                      ORDER BY score DESC, p.id LIMIT 50) ranked;

                CREATE VIEW live_new_arrivals AS
                SELECT id, created_at, row_number() OVER (ORDER BY created_at DESC, id DESC) AS rank
                FROM (SELECT p.id, p.created_at
                      FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.is_active
                      WHERE p.is_active AND p.is_published
                      ORDER BY p.created_at DESC, p.id DESC LIMIT 50) ranked;

                CREATE VIEW live_category_counts AS
                SELECT c.id, c.slug, c.name, c.sort_order, count(p.id) AS product_count
                FROM categories c
                LEFT JOIN (products p JOIN vendors v ON v.id = p.vendor_id AND v.is_active)
                       ON p.category_id = c.id AND p.is_active AND p.is_published
                GROUP BY c.id;

                CREATE MATERIALIZED VIEW mv_hot_products AS SELECT * FROM live_hot_products WITH NO DATA;
                CREATE UNIQUE INDEX ux_mv_hot_products_id ON mv_hot_products (id);
                CREATE MATERIALIZED VIEW mv_top_rated_products AS SELECT * FROM live_top_rated_products WITH NO DATA;
                CREATE UNIQUE INDEX ux_mv_top_rated_products_id ON mv_top_rated_products (id);
                CREATE MATERIALIZED VIEW mv_new_arrivals AS SELECT * FROM live_new_arrivals WITH NO DATA;
                CREATE UNIQUE INDEX ux_mv_new_arrivals_id ON mv_new_arrivals (id);
                CREATE MATERIALIZED VIEW mv_category_counts AS SELECT * FROM live_category_counts WITH NO DATA;
                CREATE UNIQUE INDEX ux_mv_category_counts_id ON mv_category_counts (id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP MATERIALIZED VIEW mv_hot_products, mv_top_rated_products, mv_new_arrivals, mv_category_counts;
                DROP VIEW live_hot_products, live_top_rated_products, live_new_arrivals, live_category_counts;
                DROP FUNCTION product_hot_score(bigint, timestamptz, timestamptz);
                """);

            migrationBuilder.DropIndex(
                name: "ix_products_category_id_created_at_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_category_id_popularity_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_category_id_price_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_vendor_id_created_at_id",
                table: "products");

            migrationBuilder.DropColumn(
                name: "popularity",
                table: "products");

            migrationBuilder.DropColumn(
                name: "height",
                table: "product_images");

            migrationBuilder.DropColumn(
                name: "thumbnail_hash",
                table: "product_images");

            migrationBuilder.DropColumn(
                name: "width",
                table: "product_images");
        }
    }
}
