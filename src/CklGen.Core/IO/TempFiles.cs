using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CklGen.IO;

/// <summary>
/// Removes the temporary files a killed CklGen run left in a folder: only names CklGen makes
/// (<c>.NAME.PID-RANDOM.tmp</c>, and <c>.NAME.GUID.tmp</c> of earlier versions), and only stale ones:
/// never one whose process still runs or that another process holds open.
/// </summary>
public static class TempFiles
{
    static readonly Regex Ours = new(@"^\..+\.(?<pid>\d{1,10})-[0-9a-f]{16}\.tmp$", RegexOptions.CultureInvariant);
    static readonly Regex Earlier = new(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);

    /// <summary>Folders already cleaned by this process (once per folder is enough).</summary>
    static readonly ConcurrentDictionary<string, bool> Cleaned = new(StringComparer.Ordinal);

    /// <summary>Whether a file name is one of CklGen's temporary names.</summary>
    public static bool IsTempName(string fileName) => Ours.IsMatch(fileName) || Earlier.IsMatch(fileName);

    /// <summary>Removes stale CklGen temporary files in the folder (once per process and folder); returns the paths removed.</summary>
    public static IReadOnlyList<string> CleanStale(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Cleaned.TryAdd(full, true)) return [];
        var removed = new List<string>();
        IEnumerable<string> files;
        try { files = Directory.EnumerateFiles(full, ".*.tmp").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return removed; }
        foreach (var f in files)
        {
            var name = Path.GetFileName(f);
            var m = Ours.Match(name);
            if (!m.Success && !Earlier.IsMatch(name)) continue;
            if (m.Success && (!int.TryParse(m.Groups["pid"].Value, out var pid) || IsRunning(pid))) continue;
            if (AtomicFile.IsLink(f) || !TryLock(f)) continue;
            try { File.Delete(f); removed.Add(f); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Forgets which folders were cleaned (tests run several "runs" in one process).</summary>
    internal static void Reset() => Cleaned.Clear();

    static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>True when no other process holds the file open for writing (CklGen's writers hold an exclusive lock).</summary>
    static bool TryLock(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
