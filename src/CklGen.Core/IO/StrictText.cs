using System.Text;

namespace CklGen.IO;

/// <summary>
/// Reads a text file as a stream of characters (so a large file is never held as bytes and as a string at
/// once): UTF-8 (BOM optional) or UTF-16 LE/BE with a byte order mark. Invalid bytes, UTF-32, and NUL
/// characters in a file without a byte order mark (UTF-16 without a BOM, a binary file) are refused with an
/// <see cref="InputException"/> naming the file.
/// </summary>
public sealed class StrictText : TextReader
{
    readonly StreamReader inner;
    readonly string name;
    readonly string encodingName;
    readonly bool refuseNul;
    long position;

    StrictText(StreamReader inner, string name, string encodingName, bool refuseNul)
    {
        this.inner = inner;
        this.name = name;
        this.encodingName = encodingName;
        this.refuseNul = refuseNul;
    }

    /// <summary>Opens the file within <paramref name="maxBytes"/> (pipes and devices included, see <see cref="InputFile.Open"/>).</summary>
    public static StrictText OpenFile(string path, long maxBytes) => Open(InputFile.Open(path, maxBytes), path);

    /// <summary>Reads the stream from its start; the reader owns it.</summary>
    public static StrictText Open(Stream stream, string name)
    {
        try
        {
            Span<byte> head = stackalloc byte[4];
            var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            head = head[..n];
            if (head is [0xFF, 0xFE, 0, 0] or [0, 0, 0xFE, 0xFF])
                throw new InputException(name, "is UTF-32, which is not accepted; save it as UTF-8 or UTF-16");
            (Encoding encoding, int bom, string label) = head switch
            {
                [0xEF, 0xBB, 0xBF, ..] => ((Encoding)new UTF8Encoding(false, true), 3, "UTF-8"),
                [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), 2, "UTF-16 LE"),
                [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), 2, "UTF-16 BE"),
                _ => (new UTF8Encoding(false, true), 0, "UTF-8"),
            };
            if (bom == 2 && stream.CanSeek && (stream.Length - 2) % 2 != 0)
                throw new InputException(name, $"is not valid {label}: it has an odd number of bytes after the byte order mark (truncated?)");
            stream.Position = bom;
            var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false);
            return new StrictText(reader, name, label, refuseNul: bom == 0);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override int Peek() => Guard(inner.Peek);

    public override int Read()
    {
        var c = Guard(inner.Read);
        if (c >= 0) Check((char)c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = Guard(() => inner.Read(buffer, index, count));
        if (refuseNul && buffer.AsSpan(index, n).IndexOf('\0') is >= 0 and var at) NulError(position + at);
        position += n;
        return n;
    }

    void Check(char c)
    {
        if (refuseNul && c == '\0') NulError(position);
        position++;
    }

    void NulError(long at) =>
        throw new InputException(name, $"has NUL bytes and no byte order mark (at character {at:N0}): it looks like UTF-16 or UTF-32 without a BOM, whose byte order cannot be told, " +
            "or a binary file; save it as UTF-8 or with a BOM");

    int Guard(Func<int> read)
    {
        try { return read(); }
        catch (DecoderFallbackException e)
        {
            throw new InputException(name, $"is not valid {encodingName} (bytes after character {position:N0} cannot be decoded); save it as UTF-8 or UTF-16 with a BOM", inner: e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InputException(name, "cannot be read: " + e.Message, inner: e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
