using Microsoft.Data.Sqlite;

namespace Bench;

/// <summary>Reads the app's database file directly (a fresh connection also recovers the WAL after a kill -9).</summary>
public sealed class Database(string path) : IDisposable
{
    private readonly SqliteConnection _connection = Open(path);

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public long LastClickRowId() => Scalar("SELECT COALESCE(MAX(Id), 0) FROM Clicks");

    /// <summary>How many of the given click ids have no row among the clicks written after <paramref name="afterRowId"/>.</summary>
    public int MissingClicks(IEnumerable<string> clickIds, long afterRowId)
    {
        // Click ids are not indexed (the app finds clicks by decoding ids to row ids), so read the new rows once.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT PublicId FROM Clicks WHERE Id > $after";
        command.Parameters.AddWithValue("$after", afterRowId);
        using (var reader = command.ExecuteReader())
            while (reader.Read()) stored.Add(reader.GetString(0));
        return clickIds.Count(id => !stored.Contains(id));
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => _connection.Dispose();
}
