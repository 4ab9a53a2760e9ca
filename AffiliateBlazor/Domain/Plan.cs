namespace AffiliateBlazor.Domain;

/// <summary>A plan from configuration; a limit of null means unlimited.</summary>
public sealed record Plan(string Name, int? MaxCampaigns, int? MaxAffiliates)
{
    public void EnsureCanAddCampaign(int existing)
    {
        if (existing >= MaxCampaigns)
            throw new PlanLimitException($"The {Name} plan allows {MaxCampaigns} campaign(s). Archive one or move to a higher plan to add more.");
    }

    public void EnsureCanAddAffiliate(int existing)
    {
        if (existing >= MaxAffiliates)
            throw new PlanLimitException($"The {Name} plan allows {MaxAffiliates} affiliate(s). Move to a higher plan to approve more.");
    }
}

public sealed class PlanLimitException(string message) : DomainException(message);
