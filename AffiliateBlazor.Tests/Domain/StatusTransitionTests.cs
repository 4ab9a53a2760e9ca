using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

public class StatusTransitionTests
{
    private static readonly DateTime Earlier = new(2025, 1, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2025, 2, 1, 9, 30, 0, DateTimeKind.Utc);

    private static Conversion ConversionIn(ConversionStatus status) =>
        new() { OrderId = "A-1", Currency = "USD", Amount = 10_000, Status = status, DecidedAt = status == ConversionStatus.Pending ? null : Earlier };

    private static void Act(Conversion c, string move)
    {
        switch (move)
        {
            case "approve": c.Approve(Now); break;
            case "decline": c.Decline(Now); break;
            case "reverse": c.Reverse(Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(move));
        }
    }

    [Theory]
    [InlineData(ConversionStatus.Pending, "approve", ConversionStatus.Approved)]
    [InlineData(ConversionStatus.Pending, "decline", ConversionStatus.Declined)]
    [InlineData(ConversionStatus.Approved, "reverse", ConversionStatus.Reversed)]
    public void Conversion_legal_moves(ConversionStatus from, string move, ConversionStatus to)
    {
        var c = ConversionIn(from);
        Act(c, move);
        Assert.Equal(to, c.Status);
        Assert.Equal(Now, c.DecidedAt);
        Assert.Equal(10_000, c.Amount);
    }

    [Theory]
    [InlineData(ConversionStatus.Pending, "reverse")]
    [InlineData(ConversionStatus.Approved, "approve")]
    [InlineData(ConversionStatus.Approved, "decline")]
    [InlineData(ConversionStatus.Declined, "approve")]
    [InlineData(ConversionStatus.Declined, "decline")]
    [InlineData(ConversionStatus.Declined, "reverse")]
    [InlineData(ConversionStatus.Reversed, "approve")]
    [InlineData(ConversionStatus.Reversed, "decline")]
    [InlineData(ConversionStatus.Reversed, "reverse")]
    public void Conversion_illegal_moves_throw_and_change_nothing(ConversionStatus from, string move)
    {
        var c = ConversionIn(from);
        var decidedBefore = c.DecidedAt;
        Assert.Throws<DomainException>(() => Act(c, move));
        Assert.Equal(from, c.Status);
        Assert.Equal(decidedBefore, c.DecidedAt);
    }

    [Fact]
    public void Conversion_every_pair_is_either_legal_or_refused()
    {
        var legal = new HashSet<(ConversionStatus, string)>
        {
            (ConversionStatus.Pending, "approve"), (ConversionStatus.Pending, "decline"), (ConversionStatus.Approved, "reverse"),
        };
        foreach (var from in Enum.GetValues<ConversionStatus>())
        foreach (var move in new[] { "approve", "decline", "reverse" })
        {
            var c = ConversionIn(from);
            if (legal.Contains((from, move))) Act(c, move);
            else Assert.Throws<DomainException>(() => Act(c, move));
        }
    }

    [Theory]
    [InlineData(ConversionStatus.Pending, "reverse", "Only an approved conversion can become reversed; this one is pending.")]
    [InlineData(ConversionStatus.Declined, "approve", "Only a pending conversion can become approved; this one is declined.")]
    [InlineData(ConversionStatus.Reversed, "reverse", "Only an approved conversion can become reversed; this one is reversed.")]
    public void Conversion_refusals_explain_themselves(ConversionStatus from, string move, string message) =>
        Assert.Equal(message, Assert.Throws<DomainException>(() => Act(ConversionIn(from), move)).Message);

    private static ProgramMembership MembershipIn(MembershipStatus status) =>
        new() { MerchantId = 1, AffiliateId = 2, Status = status, DecidedAt = status == MembershipStatus.Pending ? null : Earlier };

    [Theory]
    [InlineData(MembershipStatus.Pending, true, MembershipStatus.Approved)]
    [InlineData(MembershipStatus.Pending, false, MembershipStatus.Rejected)]
    [InlineData(MembershipStatus.Rejected, true, MembershipStatus.Approved)]
    public void Membership_decisions(MembershipStatus from, bool approve, MembershipStatus to)
    {
        var m = MembershipIn(from);
        if (approve) m.Approve(Now); else m.Reject(Now);
        Assert.Equal((to, Now), (m.Status, m.DecidedAt));
    }

    [Theory]
    [InlineData(MembershipStatus.Approved, true)]
    [InlineData(MembershipStatus.Rejected, false)]
    public void Membership_repeating_a_decision_changes_nothing(MembershipStatus status, bool approve)
    {
        var m = MembershipIn(status);
        if (approve) m.Approve(Now); else m.Reject(Now);
        Assert.Equal((status, Earlier), (m.Status, m.DecidedAt));
    }

    [Fact]
    public void Membership_an_approved_affiliate_cannot_be_rejected()
    {
        var m = MembershipIn(MembershipStatus.Approved);
        var ex = Assert.Throws<DomainException>(() => m.Reject(Now));
        Assert.Equal("An approved affiliate cannot be rejected.", ex.Message);
        Assert.Equal((MembershipStatus.Approved, Earlier), (m.Status, m.DecidedAt));
    }
}
