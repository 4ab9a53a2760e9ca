using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AffiliateBlazor.Data.Migrations
{
    /// <inheritdoc />
    public partial class FraudFlagsColumnFitsEveryFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Conversions.Flags grows from 32 to 64 characters in the model. SQLite keeps no text length, so there is
            // nothing to change in its tables; the model (and the migrations of providers that enforce lengths) carry it.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
