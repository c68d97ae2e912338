using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>Where a result engine annotation sits: checklist root, one STIG, or one rule.</summary>
public enum ResultEngineLevel { Root, Stig, Rule }

/// <summary>
/// Reads and writes Evaluate-STIG style result engine annotations, the shape STIG Manager's importer
/// understands: in CKL an XML comment whose text is an &lt;Evaluate-STIG&gt; element, in CKLB an
/// "evaluate-stig" object. Element names are matched ignoring case and hyphens, as STIG Manager does.
/// </summary>
public static class ResultEngines
{
    public const string CklbKey = "evaluate-stig";
    const string Tag = "<Evaluate-STIG>";

    /// <summary>True when an XML comment's text is meant as an Evaluate-STIG annotation.</summary>
    public static bool IsAnnotation(string commentText) =>
        commentText.TrimStart().StartsWith(Tag, StringComparison.Ordinal);

    /// <summary>The result engine an Evaluate-STIG comment describes; null when the text is not one or is not well-formed XML.</summary>
    public static ResultEngine? FromComment(string commentText)
    {
        if (!IsAnnotation(commentText)) return null;
        XElement root;
        try
        {
            using var ms = new MemoryStream(Encoding.UTF8.GetBytes(commentText.Trim()));
            root = SafeXml.Load(ms, "XML comment").Root!;
        }
        catch (InputException)
        {
            return null;
        }
        var global = Child(root, "global");
        var module = Child(root, "module");
        return new ResultEngine
        {
            Version = Child(global, "version")?.Value ?? Child(root, "version")?.Value,
            Time = Child(global, "time")?.Value ?? Child(root, "time")?.Value,
            ModuleName = Child(module, "name")?.Value,
            ModuleVersion = Child(module, "version")?.Value,
            AnswerFile = Child(root, "answerfile")?.Value,
            AnswerFileModified = Child(root, "afmod")?.Value,
            OldStatus = Child(root, "oldstatus")?.Value,
            NewStatus = Child(root, "newstatus")?.Value,
            Raw = commentText,
        };
    }

    /// <summary>
    /// The comment text to write for a result engine: Raw when it is an Evaluate-STIG comment that says
    /// exactly what the fields say (so a file read and written back keeps it verbatim), otherwise a comment
    /// composed from the fields. At root level version and time go in &lt;global&gt;, elsewhere at top level.
    /// </summary>
    public static string ToComment(ResultEngine engine, ResultEngineLevel level)
    {
        if (engine.Raw is { } raw && FromComment(raw) is { } parsed && SameFields(parsed, engine)) return raw;
        var sb = new StringBuilder(Tag);
        if (level == ResultEngineLevel.Root)
        {
            if (engine.Version is not null || engine.Time is not null)
            {
                sb.Append("<global>");
                Element(sb, "version", engine.Version);
                Element(sb, "time", engine.Time);
                sb.Append("</global>");
            }
        }
        else
        {
            Element(sb, "version", engine.Version);
            Element(sb, "time", engine.Time);
        }
        if (engine.ModuleName is not null || engine.ModuleVersion is not null)
        {
            sb.Append("<module>");
            Element(sb, "name", engine.ModuleName);
            Element(sb, "version", engine.ModuleVersion);
            sb.Append("</module>");
        }
        Element(sb, "AnswerFile", engine.AnswerFile);
        Element(sb, "AFMod", engine.AnswerFileModified);
        Element(sb, "OldStatus", engine.OldStatus);
        Element(sb, "NewStatus", engine.NewStatus);
        sb.Append("</Evaluate-STIG>");
        return sb.ToString();
    }

    /// <summary>The result engine a CKLB "evaluate-stig" value describes; null when it is not an object.</summary>
    public static ResultEngine? FromJson(JToken token)
    {
        if (token is not JObject o) return null;
        var module = o["module"] as JObject;
        return new ResultEngine
        {
            Version = Text(o["version"]),
            Time = Text(o["time"]),
            ModuleName = Text(module?["name"]),
            ModuleVersion = Text(module?["version"]),
            AnswerFile = Text(o["answer_file"]),
            AnswerFileModified = Text(o["afmod"]),
            OldStatus = Text(o["old_status"]),
            NewStatus = Text(o["new_status"]),
            Raw = token.ToString(Newtonsoft.Json.Formatting.None),
        };
    }

    /// <summary>The CKLB "evaluate-stig" object for a result engine: Raw when it is JSON that says what the fields say, otherwise composed.</summary>
    public static JObject ToJson(ResultEngine engine)
    {
        if (engine.Raw is { } raw && raw.TrimStart().StartsWith('{'))
        {
            try
            {
                if (CklbJson.Parse(raw) is JObject o && FromJson(o) is { } parsed && SameFields(parsed, engine)) return o;
            }
            catch (Newtonsoft.Json.JsonException) { }
        }
        var result = new JObject();
        if (engine.Version is not null) result["version"] = engine.Version;
        if (engine.Time is not null) result["time"] = engine.Time;
        if (engine.ModuleName is not null || engine.ModuleVersion is not null)
        {
            var module = new JObject();
            if (engine.ModuleName is not null) module["name"] = engine.ModuleName;
            if (engine.ModuleVersion is not null) module["version"] = engine.ModuleVersion;
            result["module"] = module;
        }
        if (engine.AnswerFile is not null) result["answer_file"] = engine.AnswerFile;
        if (engine.AnswerFileModified is not null)
            result["afmod"] = bool.TryParse(engine.AnswerFileModified.Trim(), out var b) ? new JValue(b) : new JValue(engine.AnswerFileModified);
        if (engine.OldStatus is not null) result["old_status"] = engine.OldStatus;
        if (engine.NewStatus is not null) result["new_status"] = engine.NewStatus;
        return result;
    }

    /// <summary>True when both describe the same engine (Raw aside); afmod compares as a boolean where it is one.</summary>
    public static bool SameFields(ResultEngine a, ResultEngine b) =>
        a.Version == b.Version && a.Time == b.Time && a.ModuleName == b.ModuleName && a.ModuleVersion == b.ModuleVersion
        && a.AnswerFile == b.AnswerFile && SameFlag(a.AnswerFileModified, b.AnswerFileModified)
        && a.OldStatus == b.OldStatus && a.NewStatus == b.NewStatus;

    static bool SameFlag(string? a, string? b) =>
        a == b || (bool.TryParse(a?.Trim(), out var x) && bool.TryParse(b?.Trim(), out var y) && x == y);

    static XElement? Child(XElement? parent, string normalizedName) =>
        parent?.Elements().FirstOrDefault(e => Normalize(e.Name.LocalName) == normalizedName);

    // STIG Manager lowercases names and drops a hyphen before matching.
    static string Normalize(string name) => name.Replace("-", "").ToLowerInvariant();

    static string? Text(JToken? t) => t switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        JValue { Value: bool b } => b ? "true" : "false",
        JValue v when v.Type == JTokenType.String => (string?)v.Value,
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture),
        _ => t.ToString(Newtonsoft.Json.Formatting.None),
    };

    static void Element(StringBuilder sb, string name, string? value)
    {
        if (value is null) return;
        sb.Append('<').Append(name).Append('>');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                // A comment may not hold "--": write the first of two hyphens as a character reference.
                case '-' when i + 1 < value.Length && value[i + 1] == '-': sb.Append("&#45;"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append("</").Append(name).Append('>');
    }
}
