using AffiliateBlazor.Domain;

namespace AffiliateBlazor.Tests.Domain;

/// <summary>The payout's life: Pending → Approved | Cancelled, Approved → Returned; every other move refused and explained.</summary>
public class PayoutTests
{
    private static readonly DateTime Prepared = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Payout In(PayoutStatus status) =>
        new() { Currency = "EUR", Amount = 4_200, Status = status, CreatedAt = Prepared, Reference = status == PayoutStatus.Pending ? null : "OLD-1" };

    [Fact]
    public void Approving_records_the_trimmed_reference_and_the_payment_date()
    {
        var payout = In(PayoutStatus.Pending);
        payout.Approve("  TX-123 ", Now.AddHours(-3), Now);
        Assert.Equal((PayoutStatus.Approved, "TX-123", Now.AddHours(-3), (DateTime?)Now), (payout.Status, payout.Reference, payout.PaidAt, payout.DecidedAt));
    }

    [Fact]
    public void Without_a_payment_date_the_payout_was_paid_now()
    {
        var payout = In(PayoutStatus.Pending);
        payout.Approve("TX-1", null, Now);
        Assert.Equal(Now, payout.PaidAt);
    }

    [Theory]
    [InlineData(null, "reference", "The payment reference is required.")]
    [InlineData("   ", "reference", "The payment reference is required.")]
    [InlineData("TX\n2", "reference", "The payment reference cannot contain control characters (tabs, line breaks).")]
    [InlineData("TX\t2", "reference", "The payment reference cannot contain control characters (tabs, line breaks).")]
    public void A_bad_reference_is_refused_by_field_and_changes_nothing(string? reference, string field, string message)
    {
        var payout = In(PayoutStatus.Pending);
        var refused = Assert.Throws<DomainFieldException>(() => payout.Approve(reference, null, Now));
        Assert.Equal((field, message), (refused.Field, refused.Message));
        Assert.Equal((PayoutStatus.Pending, (string?)null, (DateTime?)null), (payout.Status, payout.Reference, payout.PaidAt));
    }

    [Fact]
    public void A_reference_over_100_characters_is_refused()
    {
        var refused = Assert.Throws<DomainFieldException>(() => In(PayoutStatus.Pending).Approve(new string('x', 101), null, Now));
        Assert.Equal("The payment reference is at most 100 characters.", refused.Message);
        In(PayoutStatus.Pending).Approve(new string('x', 100), null, Now);
    }

    [Fact]
    public void A_payment_date_in_the_future_or_before_the_payout_existed_is_refused()
    {
        Assert.Equal("paidAt", Assert.Throws<DomainFieldException>(() => In(PayoutStatus.Pending).Approve("TX", Now.AddMinutes(1), Now)).Field);
        Assert.Equal("paidAt", Assert.Throws<DomainFieldException>(() => In(PayoutStatus.Pending).Approve("TX", Prepared.AddDays(-1), Now)).Field);
    }

    [Fact]
    public void Cancelling_a_pending_payout_and_returning_an_approved_one()
    {
        var pending = In(PayoutStatus.Pending);
        pending.Cancel(Now);
        Assert.Equal((PayoutStatus.Cancelled, (DateTime?)Now), (pending.Status, pending.DecidedAt));

        var approved = In(PayoutStatus.Approved);
        approved.Return(" Account closed ", Now);
        Assert.Equal((PayoutStatus.Returned, "Account closed", "OLD-1"), (approved.Status, approved.ReturnReason, approved.Reference));
    }

    [Fact]
    public void A_return_needs_a_reason()
    {
        var refused = Assert.Throws<DomainFieldException>(() => In(PayoutStatus.Approved).Return(" ", Now));
        Assert.Equal(("reason", "The reason is required."), (refused.Field, refused.Message));
    }

    [Theory]
    [InlineData(PayoutStatus.Approved, "approve", "Only a pending payout can be approved; this one is approved.")]
    [InlineData(PayoutStatus.Cancelled, "approve", "Only a pending payout can be approved; this one is cancelled.")]
    [InlineData(PayoutStatus.Returned, "approve", "Only a pending payout can be approved; this one is returned.")]
    [InlineData(PayoutStatus.Approved, "cancel", "Only a pending payout can be cancelled; this one is approved.")]
    [InlineData(PayoutStatus.Cancelled, "cancel", "Only a pending payout can be cancelled; this one is cancelled.")]
    [InlineData(PayoutStatus.Returned, "cancel", "Only a pending payout can be cancelled; this one is returned.")]
    [InlineData(PayoutStatus.Pending, "return", "Only an approved payout can be returned; this one is pending.")]
    [InlineData(PayoutStatus.Cancelled, "return", "Only an approved payout can be returned; this one is cancelled.")]
    [InlineData(PayoutStatus.Returned, "return", "Only an approved payout can be returned; this one is returned.")]
    public void Every_illegal_move_is_refused_with_a_reason_and_changes_nothing(PayoutStatus from, string move, string message)
    {
        var payout = In(from);
        var refused = Assert.Throws<DomainException>(() =>
        {
            switch (move)
            {
                case "approve": payout.Approve("NEW", null, Now); break;
                case "cancel": payout.Cancel(Now); break;
                default: payout.Return("bounced", Now); break;
            }
        });
        Assert.Equal(message, refused.Message);
        Assert.Equal((from, from == PayoutStatus.Pending ? null : "OLD-1", (DateTime?)null), (payout.Status, payout.Reference, payout.DecidedAt));
    }
}
