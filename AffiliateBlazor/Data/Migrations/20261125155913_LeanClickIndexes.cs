using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AffiliateBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanClickIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clicks_LinkId_IpHash_At",
                table: "Clicks");

            migrationBuilder.DropIndex(
                name: "IX_Clicks_MerchantId_At",
                table: "Clicks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Clicks_LinkId_IpHash_At",
                table: "Clicks",
                columns: new[] { "LinkId", "IpHash", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Clicks_MerchantId_At",
                table: "Clicks",
                columns: new[] { "MerchantId", "At" });
        }
    }
}
