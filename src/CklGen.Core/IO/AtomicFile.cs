using System.Text;

namespace CklGen.IO;

/// <summary>How an output may be written. <paramref name="Option"/> names the command-line option the path came from, for errors.</summary>
public sealed record OutputOptions(bool Overwrite = false, bool FollowSymlinks = false, string Option = "--out");

/// <summary>An output path CklGen cannot or will not write (a folder where a file is meant, a parent that is a
/// file, no permission, a name too long, a symbolic link): reported as bad input, with the path and option.</summary>
public sealed class OutputPathException : InputException
{
    public string Option { get; }

    public OutputPathException(string path, string message, string option = "--out", Exception? inner = null)
        : base(path, message, inner: inner) => Option = option;

    public override string Message => $"{Option} {base.Message}";
}

/// <summary>
/// Writes files so that a reader never sees half a file: content goes to a temporary file in the
/// same folder (named <c>.NAME.PID-RANDOM.tmp</c>), which then replaces the target in one rename.
/// Existing files are kept unless overwrite is set; symbolic links on the way are refused unless
/// followed on request. Stale temporary files of killed runs are removed on the next write into their folder.
/// </summary>
public static class AtomicFile
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    /// <summary>Longest file name, in bytes, on the file systems CklGen writes to (ext4, NTFS, APFS: 255).</summary>
    public const int MaxFileNameBytes = 255;

    /// <summary>Throws <see cref="OverwriteRefusedException"/> when any of the paths exists and overwrite is off.</summary>
    public static void EnsureWritable(IEnumerable<string> paths, bool overwrite)
    {
        if (overwrite) return;
        foreach (var p in paths)
            if (File.Exists(p) || Directory.Exists(p) || IsLink(p)) throw new OverwriteRefusedException(p);
    }

    public static void Write(string path, Action<Stream> write, bool overwrite) => Write(path, write, new OutputOptions(overwrite));

    public static void Write(string path, Action<Stream> write, OutputOptions options)
    {
        using var set = new AtomicFileSet(options);
        set.Add(path, write);
        set.Commit();
    }

    public static void WriteText(string path, string text, bool overwrite) => WriteText(path, text, new OutputOptions(overwrite));

    public static void WriteText(string path, string text, OutputOptions options) =>
        Write(path, s => WriteBytes(s, text), options);

    internal static void WriteBytes(Stream s, string text)
    {
        var b = Utf8NoBom.GetBytes(text);
        s.Write(b, 0, b.Length);
    }

    internal static bool IsLink(string path)
    {
        try { return new FileInfo(path).LinkTarget is not null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return false; }
    }

    /// <summary>
    /// Checks an output path before anything is written and returns it in full. Refuses, naming the path:
    /// an empty name, a name (or its temporary name) over the file system's limit, a symbolic link on the
    /// way (unless followed on request), a folder where the file should be, a parent that is a file, and an
    /// existing file without overwrite.
    /// </summary>
    public static string CheckTarget(string path, OutputOptions options)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputPathException(path, "no file name given", options.Option);
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputPathException(path, "is not a usable path: " + e.Message, options.Option, e);
        }
        var name = Path.GetFileName(full);
        if (name.Length == 0) throw new OutputPathException(path, "names a folder; give a file name", options.Option);
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxFileNameBytes - TempOverhead)
            throw new OutputPathException(path, $"the file name is {bytes} bytes long; CklGen writes names of at most {MaxFileNameBytes - TempOverhead} bytes " +
                $"(the file system allows {MaxFileNameBytes} and the temporary file written first adds {TempOverhead})", options.Option);
        if (!options.FollowSymlinks && LinkOnTheWay(path, full) is { } link)
            throw new OutputPathException(path, $"{(link == full ? "is" : $"goes through {link}, which is")} a symbolic link (to {LinkTargetOf(link)}); " +
                "CklGen does not write through symbolic links unless --follow-symlinks is given", options.Option);
        if (Directory.Exists(full)) throw new OutputPathException(path, "is a folder; give the name of a file to write", options.Option);
        for (var p = Path.GetDirectoryName(full); p is not null; p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p)) break;
            if (File.Exists(p)) throw new OutputPathException(path, $"cannot be written: {p} is a file, not a folder", options.Option);
        }
        if (!options.Overwrite && (File.Exists(full) || IsLink(full))) throw new OverwriteRefusedException(path);
        return full;
    }

    /// <summary>The first symbolic link among the path's parts the user named (for a relative path, those below the current folder).</summary>
    static string? LinkOnTheWay(string given, string full)
    {
        var cwd = Path.GetFullPath(Directory.GetCurrentDirectory());
        var relative = !Path.IsPathRooted(given);
        for (var p = full; p is not null; p = Path.GetDirectoryName(p))
        {
            if (relative && IsAncestorOrSelf(p, cwd)) break;
            if (IsLink(p)) return p;
        }
        return null;
    }

    static bool IsAncestorOrSelf(string dir, string of)
    {
        var d = Path.TrimEndingDirectorySeparator(dir);
        var o = Path.TrimEndingDirectorySeparator(of);
        var cmp = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return o.Equals(d, cmp) || o.StartsWith(d.EndsWith(Path.DirectorySeparatorChar) ? d : d + Path.DirectorySeparatorChar, cmp);
    }

    static string LinkTargetOf(string link)
    {
        try { return new FileInfo(link).LinkTarget ?? "?"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "?"; }
    }

    // ---- temporary files

    /// <summary>Bytes a temporary name adds to the target's: "." + "." + pid (10) + "-" + 16 hex + ".tmp".</summary>
    internal const int TempOverhead = 1 + 1 + 10 + 1 + 16 + 4;

    internal static string TempNameFor(string fullTarget) =>
        Path.Combine(Path.GetDirectoryName(fullTarget)!,
            $".{Path.GetFileName(fullTarget)}.{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}.tmp");

    /// <summary>Maps an operating-system failure while writing to an error that names the path.</summary>
    internal static Exception OutputError(string path, Exception e, OutputOptions options) => e switch
    {
        UnauthorizedAccessException => new OutputPathException(path, $"cannot be written: permission denied ({e.Message})", options.Option, e),
        PathTooLongException => new OutputPathException(path, "cannot be written: the path is too long for the file system", options.Option, e),
        _ => new OutputPathException(path, "cannot be written: " + e.Message, options.Option, e),
    };
}
