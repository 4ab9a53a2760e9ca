namespace AffiliateBlazor.Domain;

/// <summary>An affiliate's link into a campaign: /t/{Code}. The code is a random opaque token, never a row id.</summary>
public class TrackingLink
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    public int AffiliateId { get; set; }
    public required string Code { get; set; }
    public string? Name { get; set; }
    /// <summary>Default sub-ids the link carries; sub1..sub5 on the click URL override them.</summary>
    public string? Sub1 { get; set; }
    public string? Sub2 { get; set; }
    public string? Sub3 { get; set; }
    public string? Sub4 { get; set; }
    public string? Sub5 { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>A banner the merchant uploads; the app serves it at /b/{code}/{id} and counts impressions.</summary>
public class Creative
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int CampaignId { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}
