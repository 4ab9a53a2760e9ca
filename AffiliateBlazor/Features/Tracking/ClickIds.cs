using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using AffiliateBlazor.Data;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// Public click ids are the click's row id encrypted (AES, one block: the id and eight zero bytes), so they are opaque
/// and unguessable like random tokens (sequential ids in URLs would let anyone guess other clicks or read a competitor's
/// volume), yet a conversion finds its click by primary key. A random index on
/// a token column would cost the hot path about three times its insert rate. Ids are handed out here, before the row
/// is written, because the visitor's redirect carries the id; the single writer then inserts rows with these ids.
/// </summary>
public sealed class ClickIds
{
    private readonly string _databaseFile;
    private readonly SingleBlockAes _aes;
    private readonly Lock _start = new();
    private long _last = -1;

    public ClickIds(IConfiguration configuration, IHostEnvironment environment)
    {
        _databaseFile = DatabaseSetup.DataSource(configuration, environment.ContentRootPath);
        // A key of its own, never derived from the IP-hash key: changing that one must not void the click ids already issued.
        var key = SHA256.HashData(LocalSecrets.LoadOrCreate(configuration, environment, "Tracking:ClickIdKey", "click-id.key"))[..16];
        _aes = new SingleBlockAes(key);
    }

    /// <summary>The next row id: after the highest one in the database, so a restart never reuses an acknowledged id.</summary>
    public long Next()
    {
        if (Volatile.Read(ref _last) < 0)
            lock (_start)
                if (_last < 0) _last = HighestStoredId();
        return Interlocked.Increment(ref _last);
    }

    public string Encode(long id)
    {
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(block, id);
        Span<byte> sealedBlock = stackalloc byte[16];
        _aes.Encrypt(block, sealedBlock);
        return Base64Url.EncodeToString(sealedBlock);
    }

    /// <summary>The row id, or null for anything this install did not issue (a forged or mistyped id).</summary>
    public long? Decode(string? token)
    {
        Span<byte> sealedBlock = stackalloc byte[16];
        if (token is not { Length: 22 } || !Base64Url.TryDecodeFromChars(token, sealedBlock, out var written) || written != 16) return null;
        Span<byte> block = stackalloc byte[16];
        _aes.Decrypt(sealedBlock, block);
        return block[8..].IndexOfAnyExcept((byte)0) < 0 ? BinaryPrimitives.ReadInt64BigEndian(block) : null;
    }

    private long HighestStoredId()
    {
        using var connection = new SqliteConnection($"Data Source={_databaseFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Clicks";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
