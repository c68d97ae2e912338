using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace CklGen.Checklists;

/// <summary>
/// Text escaped for CKL (XML element text and comments, as XmlWriter writes them with NewLineHandling.Entitize) and
/// CKLB (JSON strings, as Newtonsoft.Json writes them by default). A fleet writes the same benchmark texts (discussion,
/// check, fix) into every host's checklist: long strings are escaped once and kept, keyed by the string instance, for as
/// long as that string lives. Tests hold both against the XmlWriter and Newtonsoft writers character by character.
/// </summary>
internal static class EscapedText
{
    /// <summary>Strings shorter than this are escaped each time (ids, statuses): a lookup would cost about as much.</summary>
    const int CacheFrom = 64;

    static readonly ConditionalWeakTable<string, string> XmlCache = new();
    static readonly ConditionalWeakTable<string, string> JsonCache = new();
    static readonly SearchValues<char> XmlSpecial = SearchValues.Create("<>&\r");

    /// <summary>Index of the first character XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/F), or -1.</summary>
    public static int FirstNonXmlChar(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c)) { i++; continue; }
            return i;
        }
        return -1;
    }

    /// <summary>Element text for CKL: &amp; &lt; &gt; as entities, a carriage return as &amp;#xD;. False (and the
    /// index of the character) when XML cannot carry the text.</summary>
    public static bool TryXml(string value, out string escaped, out int bad)
    {
        bad = -1;
        if (value.Length >= CacheFrom && XmlCache.TryGetValue(value, out escaped!)) return true;
        bad = FirstNonXmlChar(value);
        if (bad >= 0) { escaped = ""; return false; }
        escaped = EscapeXml(value);
        if (value.Length >= CacheFrom) XmlCache.AddOrUpdate(value, escaped);
        return true;
    }

    static string EscapeXml(string value)
    {
        var i = value.AsSpan().IndexOfAny(XmlSpecial);
        if (i < 0) return value;
        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': sb.Append("&#xD;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The inside of a JSON string (no quotes) as Newtonsoft.Json escapes it by default.</summary>
    public static string Json(string value)
    {
        if (value.Length >= CacheFrom && JsonCache.TryGetValue(value, out var cached)) return cached;
        var escaped = EscapeJson(value);
        if (value.Length >= CacheFrom) JsonCache.AddOrUpdate(value, escaped);
        return escaped;
    }

    static bool JsonNeedsEscape(char c) => c < ' ' || c == '"' || c == '\\' || c == '\u0085' || c == '\u2028' || c == '\u2029';

    static string EscapeJson(string value)
    {
        var i = 0;
        while (i < value.Length && !JsonNeedsEscape(value[i])) i++;
        if (i == value.Length) return value;
        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (!JsonNeedsEscape(c)) { sb.Append(c); continue; }
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        return sb.ToString();
    }
}
