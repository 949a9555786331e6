using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Purl.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Social : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_feed_items_asp_net_users_user_id",
                table: "feed_items");

            migrationBuilder.DropForeignKey(
                name: "fk_feed_items_posts_post_id",
                table: "feed_items");

            migrationBuilder.DropForeignKey(
                name: "fk_feed_items_vendors_vendor_id",
                table: "feed_items");

            migrationBuilder.DropPrimaryKey(
                name: "pk_feed_items",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_expires_at",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_user_id_post_id",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_user_id_score",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_user_id_vendor_id",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_vendor_id",
                table: "feed_items");

            migrationBuilder.DropColumn(
                name: "id",
                table: "feed_items");

            migrationBuilder.AddColumn<double>(
                name: "feed_score",
                table: "posts",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "merged_at_read",
                table: "posts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<string>(
                name: "body",
                table: "post_comments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AddPrimaryKey(
                name: "pk_feed_items",
                table: "feed_items",
                columns: new[] { "user_id", "post_id" });

            migrationBuilder.CreateTable(
                name: "counter_flushes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    last_entry_ms = table.Column<long>(type: "bigint", nullable: false),
                    last_entry_seq = table.Column<long>(type: "bigint", nullable: false),
                    entries = table.Column<int>(type: "integer", nullable: false),
                    counters = table.Column<int>(type: "integer", nullable: false),
                    flushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counter_flushes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feed_fan_outs",
                columns: table => new
                {
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    delivered = table.Column<long>(type: "bigint", nullable: false),
                    batches = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_fan_outs", x => x.post_id);
                    table.ForeignKey(
                        name: "fk_feed_fan_outs_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_posts_merged_at_read",
                table: "posts",
                columns: new[] { "vendor_id", "feed_score", "id" },
                descending: new[] { false, true, true },
                filter: "merged_at_read AND is_active");

            migrationBuilder.CreateIndex(
                name: "ix_follows_user_id_followed_at",
                table: "follows",
                columns: new[] { "user_id", "followed_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_user_id_score_post_id",
                table: "feed_items",
                columns: new[] { "user_id", "score", "post_id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_counter_flushes_flushed_at",
                table: "counter_flushes",
                column: "flushed_at");

            migrationBuilder.CreateIndex(
                name: "ix_counter_flushes_last_entry_ms_last_entry_seq",
                table: "counter_flushes",
                columns: new[] { "last_entry_ms", "last_entry_seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counter_flushes");

            migrationBuilder.DropTable(
                name: "feed_fan_outs");

            migrationBuilder.DropIndex(
                name: "ix_posts_merged_at_read",
                table: "posts");

            migrationBuilder.DropIndex(
                name: "ix_follows_user_id_followed_at",
                table: "follows");

            migrationBuilder.DropPrimaryKey(
                name: "pk_feed_items",
                table: "feed_items");

            migrationBuilder.DropIndex(
                name: "ix_feed_items_user_id_score_post_id",
                table: "feed_items");

            migrationBuilder.DropColumn(
                name: "feed_score",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "merged_at_read",
                table: "posts");

            migrationBuilder.AlterColumn<string>(
                name: "body",
                table: "post_comments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "feed_items",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "pk_feed_items",
                table: "feed_items",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_expires_at",
                table: "feed_items",
                column: "expires_at",
                filter: "expires_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_user_id_post_id",
                table: "feed_items",
                columns: new[] { "user_id", "post_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_user_id_score",
                table: "feed_items",
                columns: new[] { "user_id", "score" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_user_id_vendor_id",
                table: "feed_items",
                columns: new[] { "user_id", "vendor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_items_vendor_id",
                table: "feed_items",
                column: "vendor_id");

            migrationBuilder.AddForeignKey(
                name: "fk_feed_items_asp_net_users_user_id",
                table: "feed_items",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_feed_items_posts_post_id",
                table: "feed_items",
                column: "post_id",
                principalTable: "posts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_feed_items_vendors_vendor_id",
                table: "feed_items",
                column: "vendor_id",
                principalTable: "vendors",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
