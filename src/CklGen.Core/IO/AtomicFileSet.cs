namespace CklGen.IO;

/// <summary>
/// Writes several files as one set: each is written to its temporary file first (<see cref="Add"/>), and
/// only when all are on disk does <see cref="Commit"/> rename them into place. A failure while adding
/// leaves none of the set written; a failure while renaming removes the set's new files again and says
/// exactly which files were replaced and could not be restored. Disposing without committing removes
/// the temporary files. With <c>flushEach</c> off, the caller makes the temporary files durable before
/// <see cref="Commit"/> (<see cref="FlushStaged"/>, or one <see cref="FileSystemSync"/> for many sets).
/// </summary>
public sealed class AtomicFileSet(OutputOptions options, bool flushEach = true) : IDisposable
{
    sealed record Staged(string Given, string Full, string Temp);

    readonly List<Staged> staged = [];
    bool committed;

    public IReadOnlyList<string> Paths => staged.Select(s => s.Given).ToList();

    /// <summary>Checks the path (see <see cref="AtomicFile.CheckTarget"/>) and writes the content to its temporary file, flushed to disk.</summary>
    public void Add(string path, Action<Stream> write)
    {
        if (committed) throw new InvalidOperationException("the set is already committed");
        var full = AtomicFile.CheckTarget(path, options);
        if (staged.Any(s => s.Full == full)) throw new ArgumentException($"{path} is already in the set", nameof(path));
        var dir = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException(path, $"the folder {dir} cannot be created: {e.Message}", options.Option, e);
        }
        TempFiles.CleanStale(dir);
        var tmp = AtomicFile.TempNameFor(full);
        var done = false;
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                staged.Add(new Staged(path, full, tmp));
                write(fs);
                fs.Flush(flushEach);
            }
            done = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AtomicFile.OutputError(path, e, options);
        }
        finally
        {
            if (!done) Dispose();
        }
    }

    public void AddText(string path, string text) => Add(path, s => AtomicFile.WriteBytes(s, text));

    /// <summary>Flushes every staged temporary file to disk (for a set made without flushEach).</summary>
    public void FlushStaged()
    {
        foreach (var s in staged)
        {
            try
            {
                using var fs = new FileStream(s.Temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                fs.Flush(true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw AtomicFile.OutputError(s.Given, e, options); }
        }
    }

    /// <summary>A staged temporary file (to sync the file system it is on), or null when the set is empty.</summary>
    public string? AnyStaged => staged.Count == 0 ? null : staged[0].Temp;

    /// <summary>Renames every staged file into place; returns the paths written.</summary>
    public IReadOnlyList<string> Commit()
    {
        if (committed) throw new InvalidOperationException("the set is already committed");
        committed = true;
        var done = new List<(Staged File, bool Replaced)>();
        try
        {
            foreach (var s in staged)
            {
                var replaced = File.Exists(s.Full);
                if (!options.Overwrite && (replaced || AtomicFile.IsLink(s.Full))) throw new OverwriteRefusedException(s.Given);
                // Without overwrite, File.Move fails if the target appeared meanwhile: never clobber.
                try { File.Move(s.Temp, s.Full, overwrite: options.Overwrite); }
                catch (IOException) when (!options.Overwrite && File.Exists(s.Full)) { throw new OverwriteRefusedException(s.Given); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw AtomicFile.OutputError(s.Given, e, options); }
                done.Add((s, replaced));
            }
            return staged.Select(s => s.Given).ToList();
        }
        catch (CklGenException e) when (done.Count > 0)
        {
            // Take back what this set added, so that the set is all or nothing where it can be.
            foreach (var d in done.Where(d => !d.Replaced)) TryDelete(d.File.Full);
            var replaced = done.Where(d => d.Replaced).Select(d => d.File.Given).ToList();
            var rest = replaced.Count == 0
                ? "; none of the other files of the set was written"
                : $"; already replaced before the failure (not restored): {string.Join(", ", replaced)}";
            throw e is OverwriteRefusedException ? new OverwriteRefusedException(((OverwriteRefusedException)e).Path, rest)
                : new OutputPathException(e is InputException ie ? ie.File ?? "" : "", StripFile(e) + rest, options.Option, e);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>The message without the "--out PATH: " the new exception adds again.</summary>
    static string StripFile(CklGenException e)
    {
        var m = e.Message;
        if (e is OutputPathException o && m.StartsWith(o.Option + " ", StringComparison.Ordinal)) m = m[(o.Option.Length + 1)..];
        if (e is InputException { File: { } f } && m.StartsWith(Shown.Value(f, 500) + ": ", StringComparison.Ordinal)) m = m[(Shown.Value(f, 500).Length + 2)..];
        return m;
    }

    /// <summary>Removes temporary files not renamed into place.</summary>
    public void Dispose()
    {
        foreach (var s in staged) TryDelete(s.Temp);
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
