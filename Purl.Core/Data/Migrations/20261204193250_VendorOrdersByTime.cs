using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class VendorOrdersByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_vendor_id_created_at_id",
                table: "orders",
                columns: new[] { "vendor_id", "created_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_vendor_id_created_at_id",
                table: "orders");
        }
    }
}
