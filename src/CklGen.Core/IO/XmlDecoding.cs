using System.Text;
using System.Text.RegularExpressions;

namespace CklGen.IO;

/// <summary>
/// Decodes an XML file's bytes to text, holding the bytes to the encoding its declaration names: a file
/// whose bytes do not match (us-ascii declared with UTF-8 inside, UTF-16 bytes declared UTF-8 as
/// Out-File re-saves produce, invalid UTF-8) is refused with a message naming the problem, never
/// turned into '?' characters.
/// </summary>
public static class XmlDecoding
{
    static XmlDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static readonly Regex Declaration = new(@"^<\?xml\s[^>]*?\bencoding\s*=\s*(?:""(?<e>[^""]*)""|'(?<e>[^']*)')",
        RegexOptions.CultureInvariant);

    public static string Decode(byte[] b, string name)
    {
        if (b is [0xFF, 0xFE, 0, 0, ..] or [0, 0, 0xFE, 0xFF, ..])
            throw new InputException(name, "is UTF-32, which is not accepted; save it as UTF-8");
        string actual;
        Encoding encoding;
        int skip = 0;
        if (b is [0xEF, 0xBB, 0xBF, ..]) { actual = "UTF-8 (with a byte order mark)"; encoding = new UTF8Encoding(false, true); skip = 3; }
        else if (b is [0xFF, 0xFE, ..]) { actual = "UTF-16 LE (byte order mark FF FE)"; encoding = new UnicodeEncoding(false, false, true); skip = 2; }
        else if (b is [0xFE, 0xFF, ..]) { actual = "UTF-16 BE (byte order mark FE FF)"; encoding = new UnicodeEncoding(true, false, true); skip = 2; }
        else if (b is [(byte)'<', 0, ..]) { actual = "UTF-16 LE (without a byte order mark)"; encoding = new UnicodeEncoding(false, false, true); }
        else if (b is [0, (byte)'<', ..]) { actual = "UTF-16 BE (without a byte order mark)"; encoding = new UnicodeEncoding(true, false, true); }
        else { actual = ""; encoding = null!; }

        if (encoding is not null)
        {
            var text = Strict(encoding, b, skip, name, actual);
            var declared = Declared(text);
            var utf16 = encoding is UnicodeEncoding;
            if (declared is not null && !(utf16 ? IsUtf16(declared) : IsUtf8(declared)))
                throw new InputException(name, $"the bytes are {actual} but the XML declaration says encoding=\"{Shown.Value(declared, 40)}\"; " +
                    "re-save the file in the declared encoding (or fix the declaration)");
            return text;
        }

        // No byte order mark: the declaration (in ASCII) decides, UTF-8 when there is none.
        var head = Encoding.ASCII.GetString(b, 0, Math.Min(b.Length, 256));
        var name8 = Declared(head);
        if (name8 is null || IsUtf8(name8)) return Strict(new UTF8Encoding(false, true), b, 0, name, "UTF-8" + (name8 is null ? " (no encoding declared)" : " (as declared)"));
        if (IsUtf16(name8))
            throw new InputException(name, $"the XML declaration says encoding=\"{Shown.Value(name8, 40)}\" but the bytes are not UTF-16 (no byte order mark, single-byte text); fix the declaration or re-save the file as UTF-16");
        Encoding declaredEncoding;
        try { declaredEncoding = Encoding.GetEncoding(name8, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback); }
        catch (ArgumentException)
        {
            throw new InputException(name, $"the XML declaration names encoding \"{Shown.Value(name8, 40)}\", which CklGen does not read; save the file as UTF-8");
        }
        return Strict(declaredEncoding, b, 0, name, $"{name8} (as declared)");
    }

    static string Strict(Encoding e, byte[] b, int skip, string name, string what)
    {
        try { return e.GetString(b, skip, b.Length - skip); }
        catch (DecoderFallbackException x)
        {
            var at = skip + Math.Max(0, x.Index);
            var looksUtf8 = e is not UTF8Encoding && IsValidUtf8(b, skip);
            throw new InputException(name, $"bytes at offset {at} are not valid {what}" +
                (looksUtf8 ? "; the bytes are UTF-8: fix the XML declaration to say encoding=\"UTF-8\"" : "; re-save the file in the declared encoding") +
                " (CklGen never replaces such bytes with '?')", inner: x);
        }
    }

    static bool IsValidUtf8(byte[] b, int skip)
    {
        try { new UTF8Encoding(false, true).GetCharCount(b, skip, b.Length - skip); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    static string? Declared(string text)
    {
        var m = Declaration.Match(text.Length > 256 ? text[..256] : text);
        return m.Success ? m.Groups["e"].Value.Trim() : null;
    }

    static bool IsUtf8(string e) => e.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || e.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    static bool IsUtf16(string e) => e.ToLowerInvariant() is "utf-16" or "utf16" or "unicode" or "utf-16le" or "utf-16be" or "ucs-2";
}
