using AffiliateBlazor.Features.Tracking;
using AffiliateBlazor.Tests.Support;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>The signature format itself (`t=<unix>,v1=<hex>`), checked without a host.</summary>
public sealed class RequestSignatureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("t=1700000000")]
    [InlineData("v1=" + Hex64)]
    [InlineData("t=abc,v1=" + Hex64)]
    [InlineData("t=-5,v1=" + Hex64)]
    [InlineData("t=1700000000,v1=" + Hex64 + "0")]
    [InlineData("t=1700000000,v1=zz" + Hex62)]
    [InlineData("t=1700000000,t=1700000001,v1=" + Hex64)]
    [InlineData("t=1700000000,v0=" + Hex64)]
    public void Signatures_not_of_the_documented_form_are_malformed(string signature) =>
        Assert.Equal(SignatureCheck.Malformed, RequestSignature.Verify(signature, "k"u8.ToArray(), "body"u8, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

    [Fact]
    public void A_signature_is_checked_over_the_timestamp_and_payload_in_either_order_of_its_parts()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var signature = Signing.Signature("secret", "a=1&b=2", at);
        var swapped = string.Join(',', signature.Split(',').Reverse());

        Assert.Equal(SignatureCheck.Valid, RequestSignature.Verify(signature, "secret"u8.ToArray(), "a=1&b=2"u8, at.AddSeconds(300)));
        Assert.Equal(SignatureCheck.Valid, RequestSignature.Verify(swapped, "secret"u8.ToArray(), "a=1&b=2"u8, at));
        Assert.Equal(SignatureCheck.TooOld, RequestSignature.Verify(signature, "secret"u8.ToArray(), "a=1&b=2"u8, at.AddSeconds(301)));
        Assert.Equal(SignatureCheck.FromTheFuture, RequestSignature.Verify(signature, "secret"u8.ToArray(), "a=1&b=2"u8, at.AddSeconds(-301)));
        Assert.Equal(SignatureCheck.Mismatch, RequestSignature.Verify(signature, "secret"u8.ToArray(), "a=1&b=3"u8, at));
    }

    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Hex62 = "23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
