using AffiliateBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AffiliateBlazor.Tests.Data;

/// <summary>
/// Enums are stored by name. SQLite ignores a column's length, but PostgreSQL, the store for running several instances, enforces it: a value longer
/// than its column would fail the insert there — for a flags enum, a conversion flagged for several reasons at once.
/// </summary>
public sealed class EnumColumnTests
{
    [Fact]
    public void Every_enum_value_the_app_can_store_fits_its_column()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var tooLong = (
            from entity in db.Model.GetEntityTypes()
            from property in entity.GetProperties()
            let type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType
            where type.IsEnum
            let longest = LongestStoredName(type)
            where property.GetMaxLength() is not { } max || longest.Length > max
            select $"{entity.ClrType.Name}.{property.Name}: \"{longest}\" ({longest.Length}) in {property.GetMaxLength()}").ToList();

        Assert.Empty(tooLong);
    }

    /// <summary>The longest text EF Core writes for the enum: for [Flags], every flag set at once.</summary>
    private static string LongestStoredName(Type enumType)
    {
        if (!enumType.IsDefined(typeof(FlagsAttribute), false)) return Enum.GetNames(enumType).MaxBy(name => name.Length)!;
        var all = Enum.GetValues(enumType).Cast<object>().Aggregate(0L, (bits, value) => bits | Convert.ToInt64(value));
        return Enum.ToObject(enumType, all).ToString()!;
    }
}
