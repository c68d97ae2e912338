using System.Text;

namespace CklGen.IO;

/// <summary>
/// Reads input files within a size limit that holds for pipes and devices too (their length is
/// unknown, so the limit is counted while reading), turning every failure into an
/// <see cref="InputException"/> naming the file.
/// </summary>
public static class InputFile
{
    /// <summary>The file's bytes; refused when it is a folder, missing, unreadable or longer than <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var s = Open(path, maxBytes);
        if (s is MemoryStream ms) return ms.ToArray();
        // Read to the end rather than trusting the length: the limit still holds if the file grows meanwhile.
        using var copy = Buffer(s, path, maxBytes, s.Length);
        return copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
    }

    /// <summary>
    /// A readable, seekable stream of the file: the file itself when it is a regular file within the limit,
    /// else its content read into memory up to the limit (a pipe, a device such as /dev/zero).
    /// </summary>
    public static Stream Open(string path, long maxBytes)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a folder, not a file");
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new InputException(path, "file not found", inner: e); }
        catch (UnauthorizedAccessException e) { throw new InputException(path, "cannot be read: permission denied", inner: e); }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException) { throw new InputException(path, "cannot be read: " + e.Message, inner: e); }
        try
        {
            // Devices, pipes and /proc files report a length of 0 (or none): they are read up to the limit.
            if (fs.CanSeek && fs.Length > maxBytes) throw TooLarge(path, fs.Length, maxBytes);
            if (fs.CanSeek && fs.Length > 0) return fs;
            using (fs) return Buffer(fs, path, maxBytes);
        }
        catch (IOException e) { fs.Dispose(); throw new InputException(path, "cannot be read: " + e.Message, inner: e); }
        catch { fs.Dispose(); throw; }
    }

    /// <summary>Reads a stream of unknown length into memory, refusing it past <paramref name="maxBytes"/>.</summary>
    public static MemoryStream Buffer(Stream s, string name, long maxBytes, long expected = 0)
    {
        var ms = new MemoryStream((int)Math.Clamp(expected, 0, Math.Min(maxBytes, int.MaxValue - 64)));
        var buf = new byte[81920];
        int n;
        try
        {
            while ((n = s.Read(buf, 0, buf.Length)) > 0)
            {
                if (ms.Length + n > maxBytes) throw TooLarge(name, null, maxBytes);
                ms.Write(buf, 0, n);
                if (ms.Length - n < SniffBytes && ms.Length >= Math.Min(SniffBytes, 4096) && NotText(ms) is { } offset)
                    throw new InputException(name, $"is not text: it has a NUL byte at offset {offset} without a UTF-16 byte order mark " +
                        "(a device such as /dev/zero, or a binary file?); refused");
            }
        }
        catch (IOException e) { throw new InputException(name, "cannot be read: " + e.Message, inner: e); }
        ms.Position = 0;
        return ms;
    }

    /// <summary>Bytes of a stream of unknown length looked at before reading on.</summary>
    const int SniffBytes = 64 * 1024;

    /// <summary>
    /// Every format CklGen reads is text (or a zip, which starts "PK"): a stream whose first bytes hold a NUL
    /// without a byte order mark or the UTF-16 form of '&lt;' or '{' is refused at once rather than read up to the limit.
    /// Returns the offset of the NUL, or null when the bytes may be text.
    /// </summary>
    static long? NotText(MemoryStream ms)
    {
        var b = ms.GetBuffer().AsSpan(0, (int)Math.Min(ms.Length, SniffBytes));
        if (b is [0xEF, 0xBB, 0xBF, ..] or [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [(byte)'P', (byte)'K', ..] or [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..]) return null;
        if (b is [_, 0, ..] or [0, _, ..] && (b[0] | b[1]) is (byte)'<' or (byte)'{' or (byte)'[') return null;
        var nul = b.IndexOf((byte)0);
        return nul < 0 ? null : nul;
    }

    static InputException TooLarge(string name, long? length, long max) =>
        new(name, length is { } l
            ? $"is {l:N0} bytes, more than the {max:N0} accepted; refused"
            : $"holds more than the {max:N0} bytes accepted (a pipe or device that does not end?); refused");

    /// <summary>Text of a file's bytes: UTF-8 (BOM optional) or UTF-16 with a byte order mark, invalid bytes refused.</summary>
    public static string DecodeText(byte[] bytes, string name)
    {
        try
        {
            if (bytes is [0xFF, 0xFE, 0, 0, ..] or [0, 0, 0xFE, 0xFF, ..])
                throw new InputException(name, "is UTF-32, which is not accepted; save it as UTF-8");
            if (bytes is [0xEF, 0xBB, 0xBF, ..]) return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
            if (bytes is [0xFF, 0xFE, ..]) return new UnicodeEncoding(false, false, true).GetString(bytes, 2, bytes.Length - 2);
            if (bytes is [0xFE, 0xFF, ..]) return new UnicodeEncoding(true, false, true).GetString(bytes, 2, bytes.Length - 2);
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException(name, $"is not valid UTF-8 (or UTF-16 with a byte order mark): bytes at offset {e.Index} cannot be decoded; save it as UTF-8", inner: e);
        }
    }
}
