using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AffiliateBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class SigningSecretGraceAndClickRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PreviousSigningSecretExpiresAt",
                table: "Merchants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedPreviousSigningSecret",
                table: "Merchants",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversions_ClickId",
                table: "Conversions",
                column: "ClickId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversions_ClickId",
                table: "Conversions");

            migrationBuilder.DropColumn(
                name: "PreviousSigningSecretExpiresAt",
                table: "Merchants");

            migrationBuilder.DropColumn(
                name: "ProtectedPreviousSigningSecret",
                table: "Merchants");
        }
    }
}
