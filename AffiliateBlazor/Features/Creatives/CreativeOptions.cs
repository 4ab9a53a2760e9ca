namespace AffiliateBlazor.Features.Creatives;

/// <summary>The `Creatives` section of appsettings.json.</summary>
public sealed class CreativeOptions
{
    public const string Section = "Creatives";

    /// <summary>The most an install may allow per banner; the whole upload is held in memory while it is checked.</summary>
    public const int MaxBytesCeiling = 16 * 1024 * 1024;

    /// <summary>Largest banner a merchant may upload. Ad slots rarely need more, and every view sends the whole file.</summary>
    public int MaxBytes { get; set; } = 512 * 1024;

    /// <summary>Memory the in-process banner cache may use before it drops the least recently served banners.</summary>
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;

    public bool IsValid => MaxBytes is > 0 and <= MaxBytesCeiling && CacheBytes > 0;
}
