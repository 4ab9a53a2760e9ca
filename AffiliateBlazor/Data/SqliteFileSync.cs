using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace AffiliateBlazor.Data;

/// <summary>
/// Flushes a connection's database file or WAL to disk through SQLite's own file objects, as SQLite does within a
/// checkpoint, so a checkpoint can have the bulk of its flushing done beforehand, outside the write gate
/// (<see cref="WalCheckpointer"/>). SQLite hands out its file object (sqlite3_file_control with
/// SQLITE_FCNTL_FILE_POINTER or SQLITE_FCNTL_JOURNAL_POINTER), whose public method table (sqlite3_io_methods) holds
/// xSync; opening the file a second time instead would release SQLite's POSIX locks on it when closed.
/// </summary>
internal static unsafe partial class SqliteFileSync
{
    private const int DatabaseFilePointer = 7;
    private const int JournalFilePointer = 28;
    private const int SyncNormal = 2;
    // sqlite3_io_methods: int iVersion (padded to a pointer), then xClose, xRead, xWrite, xTruncate, xSync, …
    private const int SyncMethodSlot = 5;

    // Not in SQLitePCL's API: called in the bundled library it loads, like the tracking writer's calls (SqliteNative).
    [LibraryImport("e_sqlite3"), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_file_control(IntPtr database, byte* schema, int operation, void* argument);

    public static void SyncDatabaseFile(SqliteConnection connection) => Sync(connection, DatabaseFilePointer);

    /// <summary>In WAL mode the journal is the WAL; nothing happens while the connection has not opened it yet.</summary>
    public static void SyncWal(SqliteConnection connection) => Sync(connection, JournalFilePointer);

    private static void Sync(SqliteConnection connection, int filePointer)
    {
        IntPtr file;
        fixed (byte* main = "main"u8)
            SqliteException.ThrowExceptionForRC(sqlite3_file_control(connection.Handle!.DangerousGetHandle(), main, filePointer, &file), connection.Handle);
        if (file == IntPtr.Zero) return;
        var methods = *(IntPtr**)file;
        if (methods == null) return;
        var sync = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)methods[SyncMethodSlot];
        // Not the connection's error message: xSync does not set it, so it would describe an earlier call.
        SqliteException.ThrowExceptionForRC(sync(file, SyncNormal), null);
    }
}
