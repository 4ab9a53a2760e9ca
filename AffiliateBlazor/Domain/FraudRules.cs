namespace AffiliateBlazor.Domain;

/// <summary>The click a conversion was attributed to, as the fraud rules see it.</summary>
public sealed record ClickEvidence(DateTime At, bool IsBillable);

/// <summary>
/// What is known when a conversion is recorded. Hashes are compared, never addresses: e-mails as SHA-256 of the
/// trimmed, lower-cased address, IPs as the install's keyed hash.
/// </summary>
public sealed record ConversionEvidence(
    ClickEvidence? Click, DateTime Now, TimeSpan MinimumDelayAfterClick,
    string? CustomerEmailHash, string? CustomerIpHash, string? AffiliateEmailHash, string? AffiliateIpHash, bool IsTest = false);

public sealed record FraudVerdict(FraudFlags Flags, string? Reason)
{
    public static readonly FraudVerdict Clean = new(FraudFlags.None, null);
}

/// <summary>
/// Conversions that look forged or self-earned, and test conversions, are flagged, which holds them for the merchant's review; they are
/// never dropped, because a false alarm must stay recoverable. The reason is written for the merchant to read.
/// </summary>
public static class FraudRules
{
    public static FraudVerdict Assess(ConversionEvidence evidence)
    {
        var flags = FraudFlags.None;
        var reasons = new List<string>();

        if (evidence.Click is { IsBillable: false })
        {
            flags |= FraudFlags.Bot;
            reasons.Add("Its click was not a person in a browser: a bot, a script, a link preview or a HEAD request.");
        }
        if (Same(evidence.CustomerEmailHash, evidence.AffiliateEmailHash))
        {
            flags |= FraudFlags.SelfReferral;
            reasons.Add("The customer's e-mail address is the affiliate's own.");
        }
        if (Same(evidence.CustomerIpHash, evidence.AffiliateIpHash))
        {
            flags |= FraudFlags.SelfReferral;
            reasons.Add("The customer's IP address is the one the affiliate signed up from.");
        }
        if (evidence.Click is { } click && evidence.Now - click.At < evidence.MinimumDelayAfterClick)
        {
            flags |= FraudFlags.TooFastAfterClick;
            var seconds = Math.Max(0, (int)(evidence.Now - click.At).TotalSeconds);
            reasons.Add($"It arrived {seconds} second{(seconds == 1 ? "" : "s")} after its click; a person takes at least {(int)evidence.MinimumDelayAfterClick.TotalSeconds} to buy.");
        }
        if (evidence.IsTest)
        {
            // A merchant trying the set-up with a real click id would otherwise pay that affiliate after the hold period.
            flags |= FraudFlags.Test;
            reasons.Add("It was sent from the tracking page as a test: decline it, unless this affiliate should really be paid for it.");
        }
        return flags == FraudFlags.None ? FraudVerdict.Clean : new(flags, string.Join(" ", reasons));
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.Ordinal);
}
