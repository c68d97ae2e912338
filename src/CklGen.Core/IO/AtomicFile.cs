using System.Text;

namespace CklGen.IO;

/// <summary>
/// Writes files so that a reader never sees half a file: content goes to a temporary file in the
/// same folder, which then replaces the target in one rename. Existing files are kept unless
/// <c>overwrite</c> is set.
/// </summary>
public static class AtomicFile
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    /// <summary>Throws <see cref="OverwriteRefusedException"/> when any of the paths exists and overwrite is off.</summary>
    public static void EnsureWritable(IEnumerable<string> paths, bool overwrite)
    {
        if (overwrite) return;
        foreach (var p in paths)
            if (File.Exists(p) || Directory.Exists(p)) throw new OverwriteRefusedException(p);
    }

    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        if (!overwrite && File.Exists(full)) throw new OverwriteRefusedException(path);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(true);
            }
            if (overwrite) File.Move(tmp, full, overwrite: true);
            else
            {
                // File.Move without overwrite fails if the target appeared meanwhile: never clobber.
                try { File.Move(tmp, full, overwrite: false); }
                catch (IOException) when (File.Exists(full)) { throw new OverwriteRefusedException(path); }
            }
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static void WriteText(string path, string text, bool overwrite) =>
        Write(path, s => { var b = Utf8NoBom.GetBytes(text); s.Write(b, 0, b.Length); }, overwrite);
}
