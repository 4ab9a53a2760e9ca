using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AffiliateBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class SigningSecretGracePeriod : Migration
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
                maxLength: 512,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousSigningSecretExpiresAt",
                table: "Merchants");

            migrationBuilder.DropColumn(
                name: "ProtectedPreviousSigningSecret",
                table: "Merchants");
        }
    }
}
