namespace AffiliateBlazor.Features.Shared;

/// <summary>One page of a list, with the total for the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed record PageRequest(int Page = 0, int PageSize = 25)
{
    public const int MaxPageSize = 200;

    public int Skip => Math.Max(0, Page) * Take;

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}
