using System.Security.Cryptography;
using System.Text;

namespace AffiliateBlazor.Data;

/// <summary>
/// A per-install secret: from configuration when set (16+ characters), otherwise 32 random bytes made once and kept in
/// a file beside the database, so a restart or a new container with the same volume keeps it.
/// </summary>
public static class LocalSecrets
{
    public static byte[] LoadOrCreate(IConfiguration configuration, IHostEnvironment environment, string configKey, string fileName)
    {
        if (configuration[configKey] is { Length: >= 16 } configured) return Encoding.UTF8.GetBytes(configured);
        var folder = Path.GetDirectoryName(DatabaseSetup.DataSource(configuration, environment.ContentRootPath))!;
        var file = Path.Combine(folder, fileName);
        if (!File.Exists(file))
        {
            // Written aside and moved into place: a crash never leaves a half-written key, and of two instances
            // starting at once the first to move wins and both read its key.
            var draft = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(draft, RandomNumberGenerator.GetBytes(32));
            try { File.Move(draft, file, overwrite: false); }
            catch (IOException) when (File.Exists(file)) { File.Delete(draft); }
        }
        return File.ReadAllBytes(file);
    }
}
