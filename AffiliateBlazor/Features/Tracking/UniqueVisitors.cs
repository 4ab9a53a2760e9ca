using System.Collections.Concurrent;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Remembers who clicked which link in the last hour: a repeat is not a unique click. Kept in memory because the hot path
/// must not read the database; after a restart a repeat within the hour may count as unique once.
/// </summary>
public sealed class UniqueVisitors
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const int MaxEntries = 1_000_000;
    private readonly ConcurrentDictionary<(int LinkId, string IpHash), DateTime> _lastSeen = new();
    private DateTime _nextSweep = DateTime.MinValue;
    // The table's size, counted on each add and recounted by each sweep: ConcurrentDictionary.Count takes every lock
    // of the table (up to 1,024 once it is large), far too dear to ask on each click.
    private int _entries;

    /// <summary>True for the first click of this visitor on this link within the window; records the click either way.</summary>
    public bool IsFirstInWindow(int linkId, string? ipHash, DateTime now)
    {
        if (ipHash is null) return true;
        SweepIfDue(now);
        bool first = true, added = true;
        // Whichever delegate runs last sets both flags: an update can lose to a sweep and be retried as an add.
        _lastSeen.AddOrUpdate((linkId, ipHash), _ =>
        {
            (first, added) = (true, true);
            return now;
        }, (_, seen) =>
        {
            added = false;
            first = now - seen >= Window;
            // The window runs from the last unique click, so a visitor clicking every half hour counts once an hour.
            return first ? now : seen;
        });
        if (added) Interlocked.Increment(ref _entries);
        return first;
    }

    /// <summary>Undoes the unique click made at <paramref name="seenAt"/> when it could not be saved, unless a later one replaced it.</summary>
    public void Forget(int linkId, string? ipHash, DateTime seenAt)
    {
        if (ipHash is not null && _lastSeen.TryRemove(new((linkId, ipHash), seenAt))) Interlocked.Decrement(ref _entries);
    }

    private void SweepIfDue(DateTime now)
    {
        if (now < _nextSweep && Volatile.Read(ref _entries) < MaxEntries) return;
        _nextSweep = now.AddMinutes(5);
        foreach (var (key, seen) in _lastSeen)
            if (now - seen >= Window) _lastSeen.TryRemove(key, out _);
        if (_lastSeen.Count >= MaxEntries) _lastSeen.Clear();
        Volatile.Write(ref _entries, _lastSeen.Count);
    }
}
