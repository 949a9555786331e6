using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Checkout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_order_id",
                table: "payments");

            migrationBuilder.AddColumn<int>(
                name: "reserved",
                table: "products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reserved",
                table: "product_variants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "check_after",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_reason",
                table: "payments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "paid_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "ipn_events",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pesapal_ipn_registrations",
                columns: table => new
                {
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    notification_type = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ipn_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pesapal_ipn_registrations", x => new { x.url, x.notification_type });
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_products_reserved_not_negative",
                table: "products",
                sql: "reserved >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_product_variants_reserved_not_negative",
                table: "product_variants",
                sql: "reserved >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_payments_check_after",
                table: "payments",
                column: "check_after",
                filter: "status IN ('pending', 'refunding')");

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id_created_at",
                table: "payments",
                columns: new[] { "order_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id_live",
                table: "payments",
                column: "order_id",
                unique: true,
                filter: "status IN ('initiating', 'pending')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pesapal_ipn_registrations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_products_reserved_not_negative",
                table: "products");

            migrationBuilder.DropCheckConstraint(
                name: "ck_product_variants_reserved_not_negative",
                table: "product_variants");

            migrationBuilder.DropIndex(
                name: "ix_payments_check_after",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_order_id_created_at",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_order_id_live",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "reserved",
                table: "products");

            migrationBuilder.DropColumn(
                name: "reserved",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "check_after",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "failure_reason",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "paid_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "ipn_events");

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id",
                table: "payments",
                column: "order_id");
        }
    }
}
