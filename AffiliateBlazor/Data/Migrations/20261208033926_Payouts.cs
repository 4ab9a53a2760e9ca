using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AffiliateBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class Payouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payouts_AffiliateId",
                table: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_Payouts_MerchantId_Status",
                table: "Payouts");

            migrationBuilder.AddColumn<DateTime>(
                name: "CutOff",
                table: "Payouts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "Payouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "PaidAt",
                table: "Payouts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Payouts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MinimumPayout",
                table: "Merchants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "PayoutAccountName",
                table: "Merchants",
                type: "TEXT",
                maxLength: 70,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayoutIban",
                table: "Merchants",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PayoutItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayoutId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommissionLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayoutItems_CommissionLines_CommissionLineId",
                        column: x => x.CommissionLineId,
                        principalTable: "CommissionLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutItems_Payouts_PayoutId",
                        column: x => x.PayoutId,
                        principalTable: "Payouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Payouts made before this version named their lines in CommissionLines.PayoutId; each becomes an item,
            // released when its payout was cancelled, and the payout is dated and counted.
            migrationBuilder.Sql("""
                INSERT INTO "PayoutItems" ("PayoutId", "CommissionLineId", "ReleasedAt")
                SELECT l."PayoutId", l."Id", CASE WHEN p."Status" = 'Cancelled' THEN COALESCE(p."DecidedAt", p."CreatedAt") END
                FROM "CommissionLines" AS l JOIN "Payouts" AS p ON p."Id" = l."PayoutId";
                UPDATE "Payouts" SET "CutOff" = "CreatedAt",
                    "LineCount" = (SELECT COUNT(*) FROM "PayoutItems" AS i WHERE i."PayoutId" = "Payouts"."Id"),
                    "PaidAt" = CASE WHEN "Status" = 'Approved' THEN "DecidedAt" END;
                """);

            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_MerchantId_AffiliateId_Status_PayoutId",
                table: "CommissionLines");

            // SQLite drops an unindexed column in place; EF Core's DropColumn would rebuild the table with foreign keys
            // switched off, outside the migration's transaction.
            migrationBuilder.Sql("""ALTER TABLE "CommissionLines" DROP COLUMN "PayoutId";""");


            migrationBuilder.CreateTable(
                name: "PayoutMethods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MerchantId = table.Column<int>(type: "INTEGER", nullable: false),
                    AffiliateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    AccountHolder = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutMethods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayoutMethods_Affiliates_AffiliateId",
                        column: x => x.AffiliateId,
                        principalTable: "Affiliates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PayoutMethods_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_AffiliateId_MerchantId",
                table: "Payouts",
                columns: new[] { "AffiliateId", "MerchantId" });

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_MerchantId_Status_CreatedAt",
                table: "Payouts",
                columns: new[] { "MerchantId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_AffiliateId_Status",
                table: "CommissionLines",
                columns: new[] { "AffiliateId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_MerchantId_Status_AffiliateId_Currency_CreatedAt",
                table: "CommissionLines",
                columns: new[] { "MerchantId", "Status", "AffiliateId", "Currency", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PayoutItems_CommissionLineId",
                table: "PayoutItems",
                column: "CommissionLineId",
                unique: true,
                filter: "\"ReleasedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutItems_PayoutId",
                table: "PayoutItems",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutMethods_AffiliateId",
                table: "PayoutMethods",
                column: "AffiliateId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutMethods_MerchantId_AffiliateId",
                table: "PayoutMethods",
                columns: new[] { "MerchantId", "AffiliateId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutItems");

            migrationBuilder.DropTable(
                name: "PayoutMethods");

            migrationBuilder.DropIndex(
                name: "IX_Payouts_AffiliateId_MerchantId",
                table: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_Payouts_MerchantId_Status_CreatedAt",
                table: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_AffiliateId_Status",
                table: "CommissionLines");

            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_MerchantId_Status_AffiliateId_Currency_CreatedAt",
                table: "CommissionLines");

            migrationBuilder.DropColumn(
                name: "CutOff",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "LineCount",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "MinimumPayout",
                table: "Merchants");

            migrationBuilder.DropColumn(
                name: "PayoutAccountName",
                table: "Merchants");

            migrationBuilder.DropColumn(
                name: "PayoutIban",
                table: "Merchants");

            migrationBuilder.AddColumn<int>(
                name: "PayoutId",
                table: "CommissionLines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_AffiliateId",
                table: "Payouts",
                column: "AffiliateId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_MerchantId_Status",
                table: "Payouts",
                columns: new[] { "MerchantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_MerchantId_AffiliateId_Status_PayoutId",
                table: "CommissionLines",
                columns: new[] { "MerchantId", "AffiliateId", "Status", "PayoutId" });
        }
    }
}
