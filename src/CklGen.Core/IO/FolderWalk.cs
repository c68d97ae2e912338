namespace CklGen.IO;

/// <summary>
/// Lists the files under a folder the user gave (diff -r, rules --benchmarks, report). Symbolic links to
/// folders are followed, each real folder walked once: a link back to a folder on the way (a loop) or to one
/// already walked is not followed again and is reported, so a link loop ends the walk instead of running for ever.
/// </summary>
public static class FolderWalk
{
    /// <summary>Deepest folder nesting walked; deeper folders are reported and skipped.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most symbolic links resolved for one path (as Linux allows, 40).</summary>
    const int MaxLinkHops = 40;

    static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <param name="warn">Told about each link not followed, folder too deep or folder that cannot be read.</param>
    /// <param name="skipHidden">Leave out hidden entries (names starting with '.', and Windows' hidden and system files).</param>
    public static IReadOnlyList<string> Files(string folder, bool recursive, Action<string>? warn = null, bool skipHidden = false)
    {
        var files = new List<string>();
        var walked = new HashSet<string>(PathComparer);
        var onTheWay = new List<string>();
        Walk(folder, RealPath(folder), 0);
        files.Sort(StringComparer.Ordinal);
        return files;

        void Walk(string dir, string real, int depth)
        {
            walked.Add(real);
            onTheWay.Add(real);
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    IgnoreInaccessible = false,
                    AttributesToSkip = skipHidden ? FileAttributes.Hidden | FileAttributes.System : 0,
                }).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warn?.Invoke($"skipped folder {Shown.Value(dir, 500)}: it cannot be read ({e.Message})");
                onTheWay.RemoveAt(onTheWay.Count - 1);
                return;
            }
            foreach (var entry in entries)
            {
                if (skipHidden && entry.Name.StartsWith('.')) continue;
                var isLink = entry.LinkTarget is not null;
                var isDir = entry is DirectoryInfo || (isLink && Directory.Exists(entry.FullName));
                if (!isDir)
                {
                    if (!isLink || File.Exists(entry.FullName)) files.Add(entry.FullName);
                    continue;
                }
                if (!recursive) continue;
                string childReal;
                try { childReal = isLink ? RealPath(entry.FullName) : Path.Combine(real, entry.Name); }
                catch (InputException e)
                {
                    warn?.Invoke($"skipped {e.Message}");
                    continue;
                }
                if (onTheWay.Any(w => IsAncestorOrSelf(childReal, w)))
                {
                    warn?.Invoke($"not followed: {Shown.Value(entry.FullName, 500)} is a symbolic link to {Shown.Value(childReal, 500)}, which holds the link itself (a loop)");
                    continue;
                }
                if (walked.Contains(childReal))
                {
                    warn?.Invoke($"not followed: {Shown.Value(entry.FullName, 500)} leads to {Shown.Value(childReal, 500)}, which was already read");
                    continue;
                }
                if (depth + 1 > MaxDepth)
                {
                    warn?.Invoke($"skipped folder {Shown.Value(entry.FullName, 500)}: folders nested more than {MaxDepth} deep are not read");
                    continue;
                }
                Walk(entry.FullName, childReal, depth + 1);
            }
            onTheWay.RemoveAt(onTheWay.Count - 1);
        }
    }

    static bool IsAncestorOrSelf(string dir, string of)
    {
        var d = Path.TrimEndingDirectorySeparator(dir);
        var o = Path.TrimEndingDirectorySeparator(of);
        var cmp = PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return o.Equals(d, cmp) || o.StartsWith(d + Path.DirectorySeparatorChar, cmp) || (d.EndsWith(Path.DirectorySeparatorChar) && o.StartsWith(d, cmp));
    }

    /// <summary>The path with every symbolic link in it resolved (like realpath); a loop of links is an <see cref="InputException"/>.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Where(p => p.Length > 0).Reverse());
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? current; continue; }
            var next = Path.Combine(current, part);
            string? target;
            try { target = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { target = null; }
            if (target is null) { current = next; continue; }
            if (++hops > MaxLinkHops)
                throw new InputException(path, $"resolving it follows more than {MaxLinkHops} symbolic links (a loop of links?)");
            var resolved = Path.GetFullPath(target, current);
            // The link's target takes its place; the parts after it follow.
            foreach (var p in resolved[Path.GetPathRoot(resolved)!.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Where(p => p.Length > 0).Reverse())
                pending.Push(p);
            current = Path.GetPathRoot(resolved)!;
        }
        return current;
    }
}
