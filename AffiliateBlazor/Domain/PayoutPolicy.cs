namespace AffiliateBlazor.Domain;

/// <summary>An affiliate's approved, unpaid commission in one currency up to a cut-off: the sum of its lines.</summary>
public sealed record UnpaidBalance(int AffiliateId, string Currency, long Amount, int Lines);

/// <summary>Why a balance does or does not become a payout, in words for the merchant.</summary>
public enum PayoutDecision { Pays, BelowMinimum, NothingOwed, LeftOut }

/// <summary>Which unpaid balances become payouts when the merchant prepares a run.</summary>
public static class PayoutPolicy
{
    /// <summary>A minimum above this (one billion minor units) is a typing mistake, not a policy.</summary>
    public const long MaxMinimum = 1_000_000_000;

    public static long ValidMinimum(long minimum) =>
        minimum is >= 0 and <= MaxMinimum ? minimum
            : throw new DomainFieldException("minimum", $"The minimum payout is 0 to {MaxMinimum:N0} minor units (cents).");

    /// <summary>
    /// A balance pays when it is positive and reaches the minimum (in its own currency's minor units). A balance of zero
    /// or below (clawbacks larger than new earnings) pays nothing and carries over, as does one below the minimum.
    /// </summary>
    public static PayoutDecision Decide(UnpaidBalance balance, long minimum, IReadOnlySet<int> leftOut) =>
        leftOut.Contains(balance.AffiliateId) ? PayoutDecision.LeftOut
        : balance.Amount <= 0 ? PayoutDecision.NothingOwed
        : balance.Amount < minimum ? PayoutDecision.BelowMinimum
        : PayoutDecision.Pays;
}
