using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <summary>
    /// The embedded search index (Purl.Core/Search/Postgres). Plain SQL, outside the EF model: only the search engine reads and
    /// writes these tables, always with SQL of its own, and the model stays the catalogue's.
    /// </summary>
    public partial class AddSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE search_products (
                    product_id uuid PRIMARY KEY,
                    vendor_id uuid NOT NULL,
                    vendor_name text NOT NULL,
                    vendor_verified boolean NOT NULL,
                    category_id uuid NOT NULL,
                    category_slug text NOT NULL,
                    category_name text NOT NULL,
                    name text NOT NULL,
                    tags text[] NOT NULL,
                    city text,
                    image text,
                    price numeric(12,2) NOT NULL,
                    currency character(3) NOT NULL,
                    in_stock boolean NOT NULL,
                    rating double precision NOT NULL,
                    review_count integer NOT NULL,
                    popularity double precision NOT NULL,
                    latitude double precision,
                    longitude double precision,
                    created_at timestamptz NOT NULL,
                    document tsvector NOT NULL,
                    indexed_at timestamptz NOT NULL
                );
                -- Lexeme statistics good enough for the planner to choose between the GIN index and a scan per query.
                ALTER TABLE search_products ALTER COLUMN document SET STATISTICS 1000;
                CREATE INDEX ix_search_products_document ON search_products USING gin (document);
                CREATE INDEX ix_search_products_name_trgm ON search_products USING gin (name gin_trgm_ops);
                CREATE INDEX ix_search_products_category_id ON search_products (category_id);
                CREATE INDEX ix_search_products_vendor_id ON search_products (vendor_id);
                CREATE INDEX ix_search_products_latitude ON search_products (latitude) WHERE latitude IS NOT NULL;

                CREATE TABLE search_vendors (
                    vendor_id uuid PRIMARY KEY,
                    name text NOT NULL,
                    logo_url text,
                    verified boolean NOT NULL,
                    city text,
                    follower_count bigint NOT NULL,
                    name_document tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED
                );
                CREATE INDEX ix_search_vendors_name_document ON search_vendors USING gin (name_document);
                CREATE INDEX ix_search_vendors_name_trgm ON search_vendors USING gin (name gin_trgm_ops);

                CREATE TABLE search_words (
                    word text PRIMARY KEY,
                    frequency integer NOT NULL
                );
                CREATE INDEX ix_search_words_word_trgm ON search_words USING gist (word gist_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_words; DROP TABLE search_vendors; DROP TABLE search_products;");
        }
    }
}
