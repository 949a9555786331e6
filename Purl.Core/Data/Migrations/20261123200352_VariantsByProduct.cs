using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class VariantsByProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_product_variants_product_id_sort_order",
                table: "product_variants",
                columns: new[] { "product_id", "sort_order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_product_variants_product_id_sort_order",
                table: "product_variants");
        }
    }
}
