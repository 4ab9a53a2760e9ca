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

    /// <summary>True for the first click of this visitor on this link within the window, which it remembers; false for a repeat.</summary>
    public bool IsFirstInWindow(int linkId, string? ipHash, DateTime now)
    {
        if (ipHash is null) return true;
        SweepIfDue(now);
        // Read first and write only a first click: a repeat, the common case under load, takes no lock. No AddOrUpdate:
        // its delegates would capture this call's state, two allocations on every click.
        var key = (linkId, ipHash);
        while (true)
        {
            if (_lastSeen.TryGetValue(key, out var seen))
            {
                // The window runs from the last unique click, so a visitor clicking every half hour counts once an hour.
                if (now - seen < Window) return false;
                if (_lastSeen.TryUpdate(key, now, seen)) return true;
            }
            else if (_lastSeen.TryAdd(key, now))
            {
                Interlocked.Increment(ref _entries);
                return true;
            }
            // Another click of the same visitor, or a sweep, changed the entry meanwhile: decide again.
        }
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
        // Only if unchanged since read: a click meanwhile may have opened the visitor's next window, and removing that
        // would let the click after it count as unique too.
        foreach (var entry in _lastSeen)
            if (now - entry.Value >= Window) _lastSeen.TryRemove(entry);
        if (_lastSeen.Count >= MaxEntries) _lastSeen.Clear();
        Volatile.Write(ref _entries, _lastSeen.Count);
    }
}
