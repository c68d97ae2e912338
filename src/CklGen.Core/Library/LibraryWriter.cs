using System.Text;
using CklGen.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Library;

/// <summary>What a build did to the output folder.</summary>
public sealed record LibraryWriteResult(string Folder, int Files, int Written, int Unchanged, int Removed);

/// <summary>
/// Writes the library's pages into a folder: each page folder gets index.html, index.json and
/// index.ttl. Incremental: a file whose bytes are already there is not touched, and files an
/// earlier build wrote that this one no longer makes are removed (only those: the list of them is
/// kept in <see cref="ManifestName"/>). Each file is written beside its target and renamed into
/// place, so a web server serving the folder never sends half a file.
/// </summary>
public static class LibraryWriter
{
    public const string ManifestName = ".cklgen-library.json";
    static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>Every file of the pages: (path relative to the root with '/', content).</summary>
    public static IEnumerable<(string Path, byte[] Content)> Files(IEnumerable<LibraryPage> pages)
    {
        foreach (var p in pages)
        {
            yield return (p.Path + "index.html", Utf8.GetBytes(p.Html));
            yield return (p.Path + "index.json", Utf8.GetBytes(p.JsonText));
            yield return (p.Path + "index.ttl", Utf8.GetBytes(p.Graph.ToTurtle()));
        }
    }

    public static LibraryWriteResult Write(string folder, IReadOnlyList<LibraryPage> pages, OutputOptions options)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new OutputPathException(folder, "no folder given", options.Option);
        var root = Path.GetFullPath(folder);
        if (File.Exists(root)) throw new OutputPathException(folder, "is a file; give the folder to build the library in", options.Option);
        if (!options.FollowSymlinks && AtomicFile.IsLink(root))
            throw new OutputPathException(folder, "is a symbolic link; CklGen does not write through symbolic links unless --follow-symlinks is given", options.Option);
        var manifestPath = Path.Combine(root, ManifestName);
        var previous = ReadManifest(manifestPath, options.Overwrite);
        if (previous is null && Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !options.Overwrite)
            throw new OverwriteRefusedException(folder, " (the folder is not empty and holds no library CklGen built; --force writes into it and leaves its other files alone)");

        var files = Files(pages).ToList();
        var checkedDirs = new HashSet<string>(StringComparer.Ordinal);
        int written = 0, unchanged = 0;
        foreach (var (rel, content) in files)
        {
            var target = Path.Combine(root, rel.Replace('/', Path.DirectorySeparatorChar));
            EnsureFolder(root, Path.GetDirectoryName(target)!, checkedDirs, folder, options);
            if (AtomicFile.IsLink(target) && !options.FollowSymlinks)
                throw new OutputPathException(target, "is a symbolic link; CklGen does not write through symbolic links unless --follow-symlinks is given", options.Option);
            if (Directory.Exists(target)) throw new OutputPathException(target, "is a folder where the library writes a file", options.Option);
            if (SameContent(target, content)) { unchanged++; continue; }
            WriteFile(target, content, options);
            written++;
        }

        var now = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var rel in previous ?? [])
        {
            if (now.Contains(rel) || !IsSafeRelative(rel)) continue;
            var target = Path.Combine(root, rel.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(target) || AtomicFile.IsLink(target)) continue;
            try { File.Delete(target); removed++; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw AtomicFile.OutputError(target, e, options); }
            RemoveEmptyFolders(root, Path.GetDirectoryName(target)!);
        }

        var manifest = new JObject
        {
            ["generator"] = CklGenInfo.Product,
            ["note"] = "Files CklGen wrote here ('cklgen library build'); the next build removes those it no longer makes. Other files are left alone.",
            ["files"] = new JArray(files.Select(f => f.Path).Order(StringComparer.Ordinal)),
        };
        var manifestBytes = Utf8.GetBytes(manifest.ToString(Formatting.Indented) + "\n");
        if (!SameContent(manifestPath, manifestBytes)) WriteFile(manifestPath, manifestBytes, options);
        return new LibraryWriteResult(root, files.Count, written, unchanged, removed);
    }

    /// <summary>The files an earlier build listed; null when there is no manifest. A broken one is an error unless --force.</summary>
    static List<string>? ReadManifest(string path, bool force)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var o = JObject.Parse(File.ReadAllText(path));
            return (o["files"] as JArray ?? throw new JsonException("no \"files\" list")).Select(t => (string?)t ?? "").ToList();
        }
        catch (JsonException e)
        {
            if (force) return null;
            throw new InputException(path, $"the list of files of the earlier library build cannot be read: {e.Message}; fix or remove it, or pass --force", field: "files");
        }
    }

    static bool IsSafeRelative(string rel) =>
        rel.Length > 0 && !rel.StartsWith('/') && !rel.Contains('\\') && !rel.Contains(':') && rel.Split('/').All(s => s is not ("" or "." or ".."));

    static void EnsureFolder(string root, string dir, HashSet<string> done, string given, OutputOptions options)
    {
        if (done.Contains(dir)) return;
        // Every folder between the root and the file: refuse links (a planted link must not steer files elsewhere) and files.
        for (var d = dir; d.Length > root.Length; d = Path.GetDirectoryName(d)!)
        {
            if (!options.FollowSymlinks && AtomicFile.IsLink(d))
                throw new OutputPathException(d, "is a symbolic link inside the library folder; CklGen does not write through symbolic links unless --follow-symlinks is given", options.Option);
            if (File.Exists(d)) throw new OutputPathException(d, "is a file where the library needs a folder", options.Option);
        }
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException(given, $"the folder {dir} cannot be created: {e.Message}", options.Option, e);
        }
        done.Add(dir);
    }

    static bool SameContent(string path, byte[] content)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length) return false;
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    static void WriteFile(string target, byte[] content, OutputOptions options)
    {
        var tmp = AtomicFile.TempNameFor(target);
        try
        {
            File.WriteAllBytes(tmp, content);
            File.Move(tmp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
            throw AtomicFile.OutputError(target, e, options);
        }
    }

    static void RemoveEmptyFolders(string root, string dir)
    {
        for (var d = dir; d.Length > root.Length && Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any(); d = Path.GetDirectoryName(d)!)
        {
            try { Directory.Delete(d); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        }
    }
}
