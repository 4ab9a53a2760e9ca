using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Features.Shared;

/// <summary>Plans come from the `Plans` section of appsettings.json; Free exists even when the section does not.</summary>
public sealed class PlanCatalog(IConfiguration configuration)
{
    public const string Free = "Free";

    public IReadOnlyList<Plan> All
    {
        get
        {
            var plans = configuration.GetSection("Plans").GetChildren()
                .Select(s => new Plan(s.Key, s.GetValue<int?>("MaxCampaigns"), s.GetValue<int?>("MaxAffiliates"))).ToList();
            if (!plans.Any(p => p.Name == Free)) plans.Insert(0, new Plan(Free, 1, 10));
            return plans;
        }
    }

    public Plan Get(string name) => All.FirstOrDefault(p => p.Name == name) ?? All[0];

    public bool Exists(string name) => All.Any(p => p.Name == name);
}
