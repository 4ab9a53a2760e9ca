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

    /// <summary>How many of the given click ids have no row.</summary>
    public int MissingClicks(IEnumerable<string> clickIds)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Clicks WHERE PublicId = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var missing = 0;
        foreach (var clickId in clickIds)
        {
            id.Value = clickId;
            if (Convert.ToInt64(command.ExecuteScalar()) == 0) missing++;
        }
        return missing;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => _connection.Dispose();
}
