using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CklGen.Benchmarks;

/// <summary>
/// Reads the tags DISA puts inside Rule/description as escaped text
/// ("&lt;VulnDiscussion&gt;...&lt;/VulnDiscussion&gt;&lt;FalsePositives&gt;..."). After the outer XML
/// is decoded that text is meant to be XML again, but prose in it may hold a stray '&amp;' or '&lt;';
/// then each tag is cut out by its literal start and end tags and its entities decoded leniently.
/// </summary>
public static class XccdfDescription
{
    /// <summary>The tags STIG Viewer maps to checklist fields, in the order DISA writes them.</summary>
    public static readonly IReadOnlyList<string> Tags =
    [
        "VulnDiscussion", "FalsePositives", "FalseNegatives", "Documentable", "Mitigations",
        "SeverityOverrideGuidance", "PotentialImpacts", "ThirdPartyTools", "MitigationControl",
        "Responsibility", "IAControls",
    ];

    const string Wrapper = "cklgen-description";
    const int MaxDepth = 32;

    /// <summary>Every tag of <see cref="Tags"/> to its text; "" for tags that are absent or empty.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        text ??= "";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = TryParseXml(text);
        foreach (var tag in Tags)
        {
            if (root is not null)
            {
                var el = root.Element(tag);
                if (el is null) { result[tag] = ""; continue; }
                // Child elements mean prose that happened to look like markup ("<IdentityName>"):
                // XElement.Value would drop it, so take the literal text instead.
                if (!el.HasElements) { result[tag] = el.Value; continue; }
            }
            result[tag] = Extract(text, tag);
        }
        return result;
    }

    static XElement? TryParseXml(string text)
    {
        if (text.Length == 0) return null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
        };
        var wrapped = $"<{Wrapper}>{text}</{Wrapper}>";
        try
        {
            // XElement.Load slows down with the square of the nesting depth; real descriptions nest 2 deep.
            using (var scan = XmlReader.Create(new StringReader(wrapped), settings))
                while (scan.Read())
                    if (scan.Depth > MaxDepth) return null;
            using var reader = XmlReader.Create(new StringReader(wrapped), settings);
            return XElement.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The literal text between &lt;tag&gt; and &lt;/tag&gt;, entities decoded; "" when the tag is absent.</summary>
    internal static string Extract(string text, string tag)
    {
        var open = "<" + tag + ">";
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return "";
        start += open.Length;
        var end = text.IndexOf("</" + tag + ">", start, StringComparison.Ordinal);
        if (end < 0)
        {
            // No end tag: the text runs to the next known tag, or to the end.
            end = text.Length;
            foreach (var other in Tags)
            {
                var i = text.IndexOf("<" + other + ">", start, StringComparison.Ordinal);
                if (i >= 0 && i < end) end = i;
            }
        }
        return DecodeEntities(text[start..end]);
    }

    /// <summary>Decodes the five XML entities and character references; leaves anything else (a lone '&amp;') as it is.</summary>
    internal static string DecodeEntities(string s)
    {
        if (!s.Contains('&')) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '&')
            {
                var semi = s.IndexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 12 && TryEntity(s.AsSpan(i + 1, semi - i - 1), out var decoded))
                {
                    sb.Append(decoded);
                    i = semi;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    static bool TryEntity(ReadOnlySpan<char> name, out string value)
    {
        value = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            "apos" => "'",
            _ => "",
        };
        if (value.Length > 0) return true;
        if (name.Length < 2 || name[0] != '#') return false;
        int code;
        var ok = name[1] is 'x' or 'X'
            ? int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
            : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out code);
        // Only characters XML allows: a reference to NUL or a surrogate stays literal text.
        if (!ok || code > 0x10FFFF || (code < 0x20 && code is not (0x9 or 0xA or 0xD)) || code is >= 0xD800 and <= 0xDFFF or 0xFFFE or 0xFFFF)
            return false;
        value = char.ConvertFromUtf32(code);
        return true;
    }
}
