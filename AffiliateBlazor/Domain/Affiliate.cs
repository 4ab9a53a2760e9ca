namespace AffiliateBlazor.Domain;

/// <summary>A partner person or company; one login may belong to several merchants' programs.</summary>
public class Affiliate
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Website { get; set; }
    /// <summary>Keyed hash of the IP the affiliate signed up from; fraud rules compare it with customers'.</summary>
    public string? IpHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum MembershipStatus { Pending, Approved, Rejected }

/// <summary>An affiliate's place in one merchant's program.</summary>
public class ProgramMembership
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public int AffiliateId { get; set; }
    public Affiliate? Affiliate { get; set; }
    public MembershipStatus Status { get; set; }
    public bool Invited { get; set; }
    public DateTime AppliedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    public void Approve(DateTime now) => Decide(MembershipStatus.Approved, now);

    public void Reject(DateTime now) => Decide(MembershipStatus.Rejected, now);

    private void Decide(MembershipStatus to, DateTime now)
    {
        if (Status == to) return;
        if (Status != MembershipStatus.Pending && !(Status == MembershipStatus.Rejected && to == MembershipStatus.Approved))
            throw new DomainException($"An {Status.ToString().ToLowerInvariant()} affiliate cannot be {to.ToString().ToLowerInvariant()}.");
        Status = to;
        DecidedAt = now;
    }
}
