namespace AffiliateBlazor.Data;

/// <summary>
/// SQLite has one writer at a time. Writers in this process take turns here instead of colliding in SQLite's busy
/// handler, which sleeps in growing steps and would turn 32 concurrent postbacks into a queue of naps (and can fail a
/// deferred transaction's lock upgrade outright).
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellation = default)
    {
        await _turn.WaitAsync(cancellation);
        return new Turn(_turn);
    }

    public IDisposable Enter(CancellationToken cancellation = default)
    {
        _turn.Wait(cancellation);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Release();
        }
    }
}
