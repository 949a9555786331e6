using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaggedProductCardsOnPosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tagged_products",
                table: "posts",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateIndex(
                name: "ix_posts_tagged_product_ids",
                table: "posts",
                column: "tagged_product_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            // Posts published before this carry their cards from now on.
            migrationBuilder.Sql(Purl.Core.Social.TaggedProducts.RefreshAllSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_posts_tagged_product_ids",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "tagged_products",
                table: "posts");
        }
    }
}
