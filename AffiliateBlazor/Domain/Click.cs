namespace AffiliateBlazor.Domain;

public class Click
{
    public long Id { get; set; }
    /// <summary>Random public token sent to the landing page as click_id.</summary>
    public required string PublicId { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int AffiliateId { get; set; }
    public int LinkId { get; set; }
    public int? CreativeId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Keyed hash of the visitor's IP: equality is all the fraud rules need.</summary>
    public string? IpHash { get; set; }
    public string? UserAgent { get; set; }
    public string? Referrer { get; set; }
    public string? Sub1 { get; set; }
    public string? Sub2 { get; set; }
    public string? Sub3 { get; set; }
    public string? Sub4 { get; set; }
    public string? Sub5 { get; set; }
    public bool IsUnique { get; set; } = true;
    /// <summary>Bots and HEAD requests are redirected but not billable.</summary>
    public bool IsBillable { get; set; } = true;
}

/// <summary>Traffic counters per link and 15-minute UTC bucket, so reports never scan raw clicks.</summary>
public class TrafficRollup
{
    public const int BucketMinutes = 15;

    public long Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public int AffiliateId { get; set; }
    public int LinkId { get; set; }
    public DateTime BucketStart { get; set; }
    public long Clicks { get; set; }
    public long UniqueClicks { get; set; }
    public long BillableClicks { get; set; }
    public long Impressions { get; set; }

    public static DateTime BucketOf(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.FromMinutes(BucketMinutes).Ticks, DateTimeKind.Utc);
}
