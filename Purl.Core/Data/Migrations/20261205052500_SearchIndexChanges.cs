using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <summary>
    /// Lets a search engine keep its in-memory copy of <c>search_products</c> current by reading only what changed
    /// (Purl.Core/Search/Postgres/SearchSnapshots.cs): each row carries the transaction that last wrote it, and a removed
    /// product leaves a row in <c>search_removals</c>. Triggers set both, so no statement that writes the index can forget
    /// them. Plain SQL outside the EF model, like AddSearchIndex. The sort and filter indexes go: searches no longer run as
    /// SQL over this table.
    /// </summary>
    [DbContext(typeof(PurlDbContext))]
    [Migration("20261205052500_SearchIndexChanges")]
    public partial class SearchIndexChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE search_products ADD COLUMN written_by xid8 NOT NULL DEFAULT pg_current_xact_id();
                CREATE INDEX ix_search_products_written_by ON search_products (written_by);

                CREATE FUNCTION search_products_written_by() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.written_by := pg_current_xact_id();
                    RETURN NEW;
                END $$;
                CREATE TRIGGER search_products_written_by BEFORE UPDATE ON search_products
                    FOR EACH ROW EXECUTE FUNCTION search_products_written_by();

                CREATE TABLE search_removals (
                    product_id uuid PRIMARY KEY,
                    written_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    removed_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX ix_search_removals_written_by ON search_removals (written_by);

                CREATE FUNCTION search_products_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_removals (product_id)
                    SELECT product_id FROM gone ORDER BY product_id
                    ON CONFLICT (product_id) DO UPDATE SET written_by = pg_current_xact_id(), removed_at = now();
                    RETURN NULL;
                END $$;
                CREATE TRIGGER search_products_removed AFTER DELETE ON search_products
                    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION search_products_removed();

                DROP INDEX ix_search_products_category_id;
                DROP INDEX ix_search_products_latitude;
                DROP INDEX ix_search_products_popularity;
                DROP INDEX ix_search_products_price;
                DROP INDEX ix_search_products_rating;
                DROP INDEX ix_search_products_created_at;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER search_products_removed ON search_products;
                DROP FUNCTION search_products_removed();
                DROP TABLE search_removals;
                DROP TRIGGER search_products_written_by ON search_products;
                DROP FUNCTION search_products_written_by();
                ALTER TABLE search_products DROP COLUMN written_by;
                CREATE INDEX ix_search_products_category_id ON search_products (category_id);
                CREATE INDEX ix_search_products_latitude ON search_products (latitude) WHERE latitude IS NOT NULL;
                CREATE INDEX ix_search_products_popularity ON search_products (popularity DESC);
                CREATE INDEX ix_search_products_price ON search_products (price);
                CREATE INDEX ix_search_products_rating ON search_products (rating DESC);
                CREATE INDEX ix_search_products_created_at ON search_products (created_at DESC);
                """);
        }
    }
}
