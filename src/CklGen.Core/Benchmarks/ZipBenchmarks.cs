using System.IO.Compression;

namespace CklGen.Benchmarks;

/// <summary>
/// Finds and reads the XCCDF benchmarks (*xccdf*.xml) in a DISA zip and the zips inside it, in memory.
/// A zip with any entry whose path could escape a folder (zip slip) is refused as a whole; sizes are
/// checked against <see cref="XccdfReadLimits"/> while decompressing, not trusted from the headers.
/// </summary>
internal static class ZipBenchmarks
{
    sealed record Candidate(ZipArchiveEntry Entry, string Display);

    sealed class Budget(long max)
    {
        long _used;
        public void Take(int n, string display)
        {
            _used += n;
            if (_used > max) throw new InputException(display, $"the zip decompresses to more than {max:N0} bytes in all; refused");
        }

        long _declared;

        /// <summary>Refuses at once when the sizes the zips declare for the entries to be read (benchmarks and
        /// nested zips, at every level so far) already add up to more than the limit.</summary>
        public void Expect(long declared, string zipName)
        {
            _declared += declared;
            if (_declared > max)
                throw new InputException(zipName, $"its benchmarks and nested zips declare {_declared:N0} bytes decompressed in all, " +
                    $"more than the {max:N0} CklGen reads from one zip; refused before decompressing them");
        }
    }

    public static IReadOnlyList<Benchmark> Read(Stream stream, string zipName, XccdfReadLimits limits, bool single)
    {
        var archives = new List<ZipArchive>();
        try
        {
            var budget = new Budget(limits.MaxTotalBytes);
            var candidates = new List<Candidate>();
            var listing = new List<string>();
            Collect(stream, zipName, 1, limits, budget, candidates, listing, archives);

            if (candidates.Count == 0)
            {
                var shown = string.Join(", ", listing.Take(10)) + (listing.Count > 10 ? $", … ({listing.Count} entries)" : "");
                throw new InputException(zipName, $"holds no XCCDF benchmark (*xccdf*.xml); entries: {(shown.Length > 0 ? shown : "none")}");
            }
            if (single && candidates.Count > 1)
                throw new InputException(zipName,
                    $"holds {candidates.Count} XCCDF benchmarks: {string.Join(", ", candidates.Select(c => c.Display))}; name one of them as ZIP!ENTRY (as listed here), or give the zip where all are read (generate, --benchmarks)");

            var result = new List<Benchmark>(candidates.Count);
            foreach (var c in candidates)
            {
                using var data = ReadEntry(c.Entry, c.Display, Math.Min(limits.MaxXmlBytes, limits.MaxEntryBytes), limits, budget);
                result.Add(XccdfReader.Parse(data, c.Display, XccdfReader.FileNameOf(c.Entry.FullName), limits));
            }
            return result;
        }
        finally
        {
            foreach (var a in archives) a.Dispose();
        }
    }

    static void Collect(Stream stream, string zipName, int depth, XccdfReadLimits limits, Budget budget,
        List<Candidate> candidates, List<string> listing, List<ZipArchive> archives)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            throw new InputException(zipName, "is not a readable zip archive (truncated or corrupt): " + e.Message, inner: e);
        }
        archives.Add(archive);

        IReadOnlyCollection<ZipArchiveEntry> entries;
        try
        {
            entries = archive.Entries;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw new InputException(zipName, "is not a readable zip archive (truncated or corrupt): " + e.Message, inner: e);
        }
        if (entries.Count > limits.MaxEntries)
            throw new InputException(zipName, $"has {entries.Count:N0} entries, over the limit of {limits.MaxEntries:N0}; refused");

        // Refuse the whole zip when any entry could escape a folder, whether or not we would read it.
        foreach (var e in entries)
            if (UnsafeEntryReason(e.FullName) is { } why)
                throw new InputException(zipName, $"entry \"{Printable(e.FullName)}\" {why}; a zip with such entries is refused", field: Printable(e.FullName));

        budget.Expect(entries.Where(e => !IsDirectory(e) && IsRead(XccdfReader.FileNameOf(e.FullName))).Sum(e => Math.Max(0, e.Length)), zipName);

        foreach (var e in entries)
        {
            if (IsDirectory(e)) continue;
            var display = $"{zipName}!{e.FullName}";
            var fileName = XccdfReader.FileNameOf(e.FullName);
            listing.Add(e.FullName);
            if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                if (depth >= limits.MaxZipDepth)
                    throw new InputException(display, $"zips nested more than {limits.MaxZipDepth} deep are refused");
                var inner = ReadEntry(e, display, limits.MaxEntryBytes, limits, budget);
                Collect(inner, display, depth + 1, limits, budget, candidates, listing, archives);
            }
            else if (fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                     && fileName.Contains("xccdf", StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(new Candidate(e, display));
            }
        }
    }

    /// <summary>Entries decompressed: nested zips and XCCDF benchmarks.</summary>
    static bool IsRead(string fileName) =>
        fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || (fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && fileName.Contains("xccdf", StringComparison.OrdinalIgnoreCase));

    static bool IsDirectory(ZipArchiveEntry e) => e.FullName.EndsWith('/') || e.FullName.EndsWith('\\');

    /// <summary>Why an entry name is unsafe to have in a zip we accept, or null when it is fine.</summary>
    internal static string? UnsafeEntryReason(string name)
    {
        if (name.Length == 0) return "has an empty name";
        if (name.Contains('\0')) return "has a NUL character in its name";
        if (name[0] is '/' or '\\') return "has an absolute path";
        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])) return "has a drive-letter path";
        foreach (var segment in name.Split('/', '\\'))
            if (segment == "..") return "has a path that climbs out of the folder (..)";
        return null;
    }

    static string Printable(string s)
    {
        var clean = new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 200 ? clean[..200] + "…" : clean;
    }

    /// <summary>Decompresses one entry into memory, counting real bytes: a header that lies about sizes gains nothing.</summary>
    static MemoryStream ReadEntry(ZipArchiveEntry e, string display, long max, XccdfReadLimits limits, Budget budget)
    {
        if (e.Length > max)
            throw new InputException(display, $"decompresses to {e.Length:N0} bytes, over the limit of {max:N0}; refused");
        var compressed = Math.Max(1, e.CompressedLength);
        if (e.Length > limits.RatioFloorBytes && e.Length > compressed * limits.MaxCompressionRatio)
            throw new InputException(display, $"compression ratio {e.Length / (double)compressed:N0}:1 is beyond {limits.MaxCompressionRatio:N0}:1 (a zip bomb?); refused");

        var ms = new MemoryStream((int)Math.Min(Math.Max(e.Length, 0), 16 * 1024 * 1024));
        try
        {
            using var s = e.Open();
            var buf = new byte[81920];
            long total = 0;
            int n;
            while ((n = s.Read(buf, 0, buf.Length)) > 0)
            {
                total += n;
                if (total > max)
                    throw new InputException(display, $"decompresses to more than {max:N0} bytes; refused");
                if (total > limits.RatioFloorBytes && total > compressed * limits.MaxCompressionRatio)
                    throw new InputException(display, $"compression ratio is beyond {limits.MaxCompressionRatio:N0}:1 (a zip bomb?); refused");
                budget.Take(n, display);
                ms.Write(buf, 0, n);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            ms.Dispose();
            throw new InputException(display, "cannot be decompressed (corrupt, truncated or encrypted): " + ex.Message, inner: ex);
        }
        catch
        {
            ms.Dispose();
            throw;
        }
        ms.Position = 0;
        return ms;
    }
}
