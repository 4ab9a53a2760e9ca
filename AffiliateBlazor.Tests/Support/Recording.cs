using AffiliateBlazor.Features.Tracking;

namespace AffiliateBlazor.Tests.Support;

public static class Recording
{
    /// <summary>
    /// A click recorded in one call, through the steps /t takes (its time from the app's clock, so tests can place it):
    /// null when the link is unknown, inactive, or its campaign does not take traffic.
    /// </summary>
    public static async Task<RecordedClick?> RecordClickAsync(this TrafficRecorder recorder, string code, Visit visit)
    {
        if (await recorder.FindLinkAsync(code) is not { } link) return null;
        var pending = recorder.StartClick(link, visit);
        await pending.Saved;
        return pending.Click;
    }
}
