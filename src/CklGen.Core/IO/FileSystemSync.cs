using System.Runtime.InteropServices;

namespace CklGen.IO;

/// <summary>
/// One flush of a whole file system (Linux syncfs): makes every file written so far durable at once, which is far
/// cheaper than a flush per file when a run writes thousands of them.
/// </summary>
public static class FileSystemSync
{
    [DllImport("libc", SetLastError = true, EntryPoint = "syncfs")]
    static extern int SyncFs(IntPtr fd);

    /// <summary>
    /// Flushes the file system holding <paramref name="file"/> to disk. False where the platform has no such call
    /// (the caller then flushes each file); throws when the flush fails.
    /// </summary>
    public static bool TrySync(string file)
    {
        if (!OperatingSystem.IsLinux()) return false;
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read);
        int rc;
        try { rc = SyncFs(handle.DangerousGetHandle()); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
        if (rc != 0) throw new IOException($"{file}: flushing the file system to disk failed (errno {Marshal.GetLastPInvokeError()})");
        return true;
    }
}
