using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Tests.Features.Tracking;

/// <summary>Issue 3: repeated clicks by the same visitor on the same link within an hour are not unique.</summary>
public sealed class UniqueVisitorsTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_visitor_counts_once_an_hour_per_link_from_their_last_unique_click()
    {
        var visitors = new UniqueVisitors();

        Assert.True(visitors.IsFirstInWindow(1, "visitor", Start));
        Assert.False(visitors.IsFirstInWindow(1, "visitor", Start.AddMinutes(30)));
        Assert.True(visitors.IsFirstInWindow(2, "visitor", Start.AddMinutes(30)));
        Assert.True(visitors.IsFirstInWindow(1, "someone else", Start.AddMinutes(30)));
        Assert.False(visitors.IsFirstInWindow(1, "visitor", Start.AddMinutes(59)));
        Assert.True(visitors.IsFirstInWindow(1, "visitor", Start.AddMinutes(60)));
        Assert.False(visitors.IsFirstInWindow(1, "visitor", Start.AddMinutes(119)));
        // No address known: nothing to tell repeats by.
        Assert.True(visitors.IsFirstInWindow(1, null, Start));
        Assert.True(visitors.IsFirstInWindow(1, null, Start));
    }

    [Fact]
    public void A_forgotten_unique_click_leaves_the_next_one_first_unless_a_later_one_replaced_it()
    {
        var visitors = new UniqueVisitors();
        Assert.True(visitors.IsFirstInWindow(1, "visitor", Start));
        visitors.Forget(1, "visitor", Start);
        Assert.True(visitors.IsFirstInWindow(1, "visitor", Start.AddSeconds(1)));

        visitors.Forget(1, "visitor", Start);
        Assert.False(visitors.IsFirstInWindow(1, "visitor", Start.AddSeconds(2)));
    }

    [Fact]
    public async Task Of_many_simultaneous_clicks_by_one_visitor_exactly_one_is_first()
    {
        var visitors = new UniqueVisitors();
        for (var round = 0; round < 1000; round++)
        {
            var at = Start.AddHours(round);
            using var go = new Barrier(4);
            // Threads of their own: a barrier on pool threads would wait for the pool to grow.
            var firsts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                go.SignalAndWait();
                return visitors.IsFirstInWindow(7, "visitor", at);
            }, TaskCreationOptions.LongRunning)));
            Assert.Equal(1, firsts.Count(first => first));
        }
    }
}
