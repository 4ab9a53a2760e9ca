using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace AffiliateBlazor.Features.Tracking;

/// <summary>
/// The few SQLite calls a tracking commit makes per value, straight into the bundled e_sqlite3 library (the one
/// SQLitePCL loads) with raw handles. Through SQLitePCL every call added and released a reference on the statement's
/// SafeHandle, every text was copied into a new byte array, and every call switched the thread out of managed mode: about
/// twenty calls per click. Binding only copies into SQLite's memory, so those calls skip the GC transition.
/// </summary>
// The text buffers are written before they are read: zeroing a kilobyte of stack for each of a click's texts is waste.
[SkipLocalsInit]
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";
    private const int Ok = 0;
    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the call returns, so the buffer may live on the stack.</summary>
    private static readonly IntPtr Transient = -1;

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_null(IntPtr statement, int index);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_changes(IntPtr database);

    // Stepping writes pages and may wait on locks, resetting frees memory: both keep the GC transition.
    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_reset(IntPtr statement);

    public static void BindInteger(IntPtr statement, int index, long value) => Bound(sqlite3_bind_int64(statement, index, value));

    public static void BindInteger(IntPtr statement, int index, long? value) =>
        Bound(value is { } number ? sqlite3_bind_int64(statement, index, number) : sqlite3_bind_null(statement, index));

    public static void BindText(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8) Bound(sqlite3_bind_text(statement, index, text, utf8.Length, Transient));
    }

    /// <summary>The text as UTF-8, or NULL: encoded on the stack (tracking values are short), a long one in a pooled buffer.</summary>
    public static void BindText(IntPtr statement, int index, string? value)
    {
        if (value is null)
        {
            Bound(sqlite3_bind_null(statement, index));
            return;
        }
        var maxLength = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = maxLength <= 1024 ? stackalloc byte[1024] : rented = ArrayPool<byte>.Shared.Rent(maxLength);
        BindText(statement, index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>A value SQLite refused (too big, out of memory) fails the batch rather than saving a row without it.</summary>
    private static void Bound(int result)
    {
        if (result != Ok) throw new Microsoft.Data.Sqlite.SqliteException($"SQLite refused a tracking value (error {result}).", result);
    }
}
