using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Data;

/// <summary>
/// Copies the WAL back into the database file once a second, beside the writers rather than inside one of their
/// commits. SQLite's automatic checkpoint runs in whichever commit takes the WAL past 1,000 pages: under tracking load
/// that is the tracking writer's, several times a second, and every request of that batch (and, behind it, of the
/// next) waited through the checkpoint's copying and its two fsyncs while the machine sat idle. Here the bulk is copied
/// while writers carry on; only the frames they committed meanwhile are copied with writers held at the gate, a short
/// pause that leaves the WAL fully copied, so the next commit starts it over from the top instead of growing it.
/// All the app's writing connections turn the automatic checkpoint off (<see cref="DatabaseSetup.WriterPragmas"/>);
/// closing the last connection still checkpoints as usual.
/// </summary>
public sealed class WalCheckpointer(IConfiguration configuration, IHostEnvironment environment, WriteGate writeGate, ILogger<WalCheckpointer> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // One round at a time: the loop's and any caller's (tests, a backup wanting a checkpoint first).
    private readonly Lock _round = new();
    private SqliteConnection? _connection;
    private long _dataVersionCopied = -1;
    private bool _failing;

    /// <summary>
    /// The rounds run on a thread of their own rather than the thread pool's: under tracking load a round blocks in its
    /// copying and fsyncs for tens of milliseconds a second, and the pool has only as many workers as cores to answer
    /// requests. bench/compare.sh against the rounds on the pool, three runs of 6–8 rounds: impressions 1.034, 1.046 and
    /// 1.005 times the requests/s, clicks 1.033, 0.983 and 0.979 (the same build against itself: 0.95–1.02).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.Factory.StartNew(() => CopyBackEverySecond(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void CopyBackEverySecond(CancellationToken stopping)
    {
        try
        {
            while (!stopping.WaitHandle.WaitOne(Interval))
            {
                try
                {
                    Checkpoint(stopping);
                    if (_failing) log.LogWarning("The database's WAL is copied back again");
                    _failing = false;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Once, not every second: a full disk would otherwise fill the log as well.
                    if (!_failing) log.LogError(error, "The database's WAL could not be copied back; it grows until this succeeds");
                    _failing = true;
                }
            }
        }
        finally
        {
            lock (_round) CloseConnection();
        }
    }

    /// <summary>Copies what the writers committed since the last round; nothing at all when they committed nothing.</summary>
    public void Checkpoint(CancellationToken cancellation = default)
    {
        lock (_round)
        {
            try
            {
                _connection ??= Open();
                // data_version changes when another connection commits, so an idle install costs a pragma a second.
                var version = Scalar("PRAGMA data_version");
                if (version == _dataVersionCopied) return;
                CopyBack();
                // What that copy wrote into the database file, and what the writers added to the WAL meanwhile, is flushed
                // here rather than by the copy under the gate, which then flushes only what was committed since: the
                // writers wait a few milliseconds instead of 12-20 (two fsyncs of a second's traffic).
                SqliteFileSync.SyncDatabaseFile(_connection);
                SqliteFileSync.SyncWal(_connection);
                bool wholeWalCopied;
                using (writeGate.Enter(cancellation)) wholeWalCopied = CopyBack();
                // A reader's older snapshot (a long report, a backup tool) or another process's checkpoint kept frames
                // back: the next round copies them even if the writers commit nothing more.
                if (wholeWalCopied) _dataVersionCopied = version;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next round starts on a new connection.
                CloseConnection();
                throw;
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(DatabaseSetup.OwnConnectionString(configuration, environment.ContentRootPath));
        connection.Open();
        return connection;
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>
    /// PASSIVE: copies what no reader still needs, never waiting for a reader or writer. True when the whole WAL is
    /// copied: not busy (another connection's checkpoint holding the lock) and every frame in the WAL copied.
    /// </summary>
    private bool CopyBack()
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var result = command.ExecuteReader();
        result.Read();
        var (busy, framesInWal, framesCopied) = (result.GetInt64(0), result.GetInt64(1), result.GetInt64(2));
        return busy == 0 && framesCopied == framesInWal;
    }

    private long Scalar(string pragma)
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = pragma;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
