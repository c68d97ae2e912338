using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Facts;

/// <summary>
/// Reads an Export-Clixml file (PowerShell CLIXML, MS-PSRP section 2.2.5) into the JSON forms of the
/// facts contract: primitives to JSON scalars (&lt;TS&gt; and &lt;DT&gt; kept as their ISO text), enums to
/// their ToString name, lists to arrays, dictionaries and property bags to objects, Exchange value types
/// (sizes, Unlimited, EnhancedTimeSpan) to their ToString text. Anything it does not know is an error
/// naming the file and the property, never skipped.
/// </summary>
public static class CliXmlReader
{
    public const string Namespace = "http://schemas.microsoft.com/powershell/2004/04";
    const int MaxDepth = 64;

    /// <summary>Values that &lt;Ref&gt; copies may add, per element of the file and at least.</summary>
    internal const long RefBudgetPerElement = 8, MinRefBudget = 250_000;

    /// <summary>A Ref copy nested in a referenced object is copied whole up to this many values, else is its ToString.</summary>
    internal const int SmallRef = 64;

    /// <summary>Exchange types whose ToString is the text form the value readers take.</summary>
    static readonly string[] TextTypes =
    [
        "Microsoft.Exchange.Data.ByteQuantifiedSize",
        "Microsoft.Exchange.Data.Unlimited`1",
        "Microsoft.Exchange.Data.EnhancedTimeSpan",
    ];

    static readonly Regex Escaped = new("_x([0-9A-Fa-f]{4})_", RegexOptions.CultureInvariant);

    /// <summary>
    /// The top-level objects of the file, each a JObject. <paramref name="command"/> names the objects in
    /// error messages ("Get-ReceiveConnector[2].MaxMessageSize").
    /// </summary>
    public static IReadOnlyList<JObject> Read(string path, string? command = null, long maxBytes = SafeXml.MaxCharacters)
    {
        var doc = SafeXml.Load(path, keepComments: false, maxBytes: maxBytes);
        return Read(doc, path, command);
    }

    public static IReadOnlyList<JObject> Read(XDocument doc, string file, string? command = null)
    {
        var root = doc.Root!;
        if (root.Name.LocalName != "Objs" || root.Name.NamespaceName != Namespace)
            throw new InputException(file, $"not a PowerShell CLIXML export (Export-Clixml): the root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}', expected <Objs> in {Namespace}");
        var version = (string?)root.Attribute("Version");
        if (version != "1.1.0.1")
            throw new InputException(file, $"unsupported CLIXML version '{version}' (this reader knows 1.1.0.1)");

        // Each <Ref> copies the object it names; the copies may not outgrow the file (linear memory).
        var state = new State(file, Math.Max(MinRefBudget, RefBudgetPerElement * root.DescendantsAndSelf().LongCount()));
        var result = new List<JObject>();
        var index = 0;
        foreach (var e in root.Elements())
        {
            var where = command is null ? $"object {index}" : $"{command}[{index}]";
            var value = state.Translate(e, where, 0);
            if (value is not JObject o)
                throw new InputException(file, $"is a {Describe(e)}, not an object (a command's output is a list of objects)", where);
            result.Add(o);
            index++;
        }
        return result;
    }

    /// <summary>Undoes MS-PSRP string encoding: _xHHHH_ is the UTF-16 code unit HHHH.</summary>
    public static string Decode(string s) =>
        s.Contains("_x", StringComparison.Ordinal)
            ? Escaped.Replace(s, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : s;

    static string Describe(XElement e) => $"<{e.Name.LocalName}>";

    sealed class State(string file, long refBudget)
    {
        readonly Dictionary<string, (JToken Value, string? Text)> objects = new(StringComparer.Ordinal);
        /// <summary>The values that are copies made for a &lt;Ref&gt;, with the ToString of the object they copy.</summary>
        readonly Dictionary<JToken, string?> fromRef = new(ReferenceEqualityComparer.Instance);
        long copied;
        readonly HashSet<string> pending = new(StringComparer.Ordinal);
        readonly Dictionary<string, IReadOnlyList<string>> typeNames = new(StringComparer.Ordinal);

        InputException Error(string where, string message) => new(file, message, where);

        public JToken Translate(XElement e, string where, int depth)
        {
            if (e.Name.NamespaceName != Namespace) throw Error(where, $"unknown element <{e.Name.LocalName}> in namespace '{e.Name.NamespaceName}'");
            if (depth > MaxDepth) throw Error(where, $"nested deeper than {MaxDepth} levels");
            var text = e.Value;
            switch (e.Name.LocalName)
            {
                case "Nil": return JValue.CreateNull();
                case "S": case "URI": case "Version": case "G": case "XD": case "SBK":
                    return new JValue(Decode(text));
                case "C":
                    return ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ch)
                        ? new JValue(((char)ch).ToString()) : throw Bad(where, e);
                case "B":
                    return text.Trim() switch { "true" => new JValue(true), "false" => new JValue(false), _ => throw Bad(where, e) };
                case "SB": case "I16": case "I32": case "I64": case "By": case "U16": case "U32":
                    return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? new JValue(l) : throw Bad(where, e);
                case "U64":
                    return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ul) ? new JValue(ul) : throw Bad(where, e);
                case "Sg": case "Db":
                    try { return new JValue(XmlConvert.ToDouble(text.Trim())); }
                    catch (Exception x) when (x is FormatException or OverflowException) { throw Bad(where, e); }
                case "D":
                    return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new JValue(d) : throw Bad(where, e);
                case "TS":
                    try { XmlConvert.ToTimeSpan(text.Trim()); return new JValue(text.Trim()); }
                    catch (Exception x) when (x is FormatException or OverflowException) { throw Bad(where, e); }
                case "DT":
                    try { XmlConvert.ToDateTimeOffset(text.Trim()); return new JValue(text.Trim()); }
                    catch (Exception x) when (x is FormatException or OverflowException) { throw Bad(where, e); }
                case "BA":
                    try { Convert.FromBase64String(text.Trim()); return new JValue(text.Trim()); }
                    catch (FormatException) { throw Bad(where, e); }
                case "Obj": return TranslateObj(e, where, depth);
                case "Ref":
                    var id = (string?)e.Attribute("RefId") ?? throw Error(where, "<Ref> without a RefId");
                    if (objects.TryGetValue(id, out var seen))
                    {
                        if (seen.Value is JValue scalar) return new JValue(scalar);
                        // A copy of the object's own tree: a Ref inside it that names a large object is that object's
                        // ToString, so a copy costs at most the referenced object's own elements (times SmallRef),
                        // never the objects it refers to again (a chain of double Refs would be exponential).
                        var copy = CopyOwn(seen.Value, where);
                        copied += copy is JContainer cc ? 1 + cc.DescendantsAndSelf().LongCount() : 1;
                        if (copied > refBudget)
                            throw Error(where, $"its <Ref> references copy more than {refBudget:N0} values, out of proportion to the file's size; refused");
                        fromRef[copy] = seen.Text;
                        return copy;
                    }
                    throw Error(where, pending.Contains(id) ? $"<Ref RefId=\"{id}\"> refers to an object that contains it" : $"<Ref RefId=\"{id}\"> refers to no earlier object");
                case "SS":
                    throw Error(where, "is a SecureString, which holds no readable value");
                default:
                    throw Error(where, $"unknown CLIXML element <{e.Name.LocalName}>");
            }
        }

        InputException Bad(string where, XElement e) =>
            Error(where, $"{Describe(e)} holds '{Truncate(e.Value)}', which is not a valid {e.Name.LocalName} value");

        static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";

        JToken TranslateObj(XElement obj, string where, int depth)
        {
            var refId = (string?)obj.Attribute("RefId");
            if (refId is not null)
            {
                if (objects.ContainsKey(refId) || !pending.Add(refId)) throw Error(where, $"RefId {refId} is used twice");
            }
            var value = TranslateObjBody(obj, where, depth);
            if (refId is not null)
            {
                pending.Remove(refId);
                objects[refId] = (value, TextOf(obj));
            }
            return value;
        }

        JToken TranslateObjBody(XElement obj, string where, int depth)
        {
            IReadOnlyList<string> types = [];
            string? toString = null;
            XElement? container = null, primitive = null;
            var members = new List<XElement>();
            foreach (var c in obj.Elements())
            {
                if (c.Name.NamespaceName != Namespace) throw Error(where, $"unknown element <{c.Name.LocalName}> in namespace '{c.Name.NamespaceName}'");
                switch (c.Name.LocalName)
                {
                    case "TN":
                        var list = c.Elements(XName.Get("T", Namespace)).Select(t => Decode(t.Value)).ToList();
                        if ((string?)c.Attribute("RefId") is { } tnId) typeNames[tnId] = list;
                        types = list;
                        break;
                    case "TNRef":
                        var rid = (string?)c.Attribute("RefId");
                        if (rid is null || !typeNames.TryGetValue(rid, out var known)) throw Error(where, $"<TNRef RefId=\"{rid}\"> refers to no earlier type list");
                        types = known;
                        break;
                    case "ToString": toString = Decode(c.Value); break;
                    case "Props": case "MS": members.AddRange(c.Elements()); break;
                    case "LST": case "IE": case "STK": case "QUE": case "DCT":
                        if (container is not null) throw Error(where, "holds two collections");
                        container = c; break;
                    default:
                        if (primitive is not null) throw Error(where, $"holds two values ({Describe(primitive)} and {Describe(c)})");
                        primitive = c; break;
                }
            }

            var isEnum = types.Any(t => t is "System.Enum" or "Deserialized.System.Enum");
            if (isEnum)
                return toString is not null ? new JValue(toString) : throw Error(where, "an enum without its ToString name");
            if (toString is not null && types.Count > 0 && IsTextType(types[0]))
                return new JValue(toString);
            if (container is not null) return TranslateContainer(container, where, depth);
            if (primitive is not null) return Translate(primitive, where, depth + 1);

            var props = new JObject();
            foreach (var m in members)
            {
                var name = (string?)m.Attribute("N");
                if (name is null) throw Error(where, $"a property {Describe(m)} without a name");
                name = Decode(name);
                if (props.ContainsKey(name)) throw Error($"{where}.{name}", "appears twice");
                props[name] = Translate(m, $"{where}.{name}", depth + 1);
            }
            if (props.Count > 0) return props;
            return toString is not null ? new JValue(toString) : props;
        }

        /// <summary>The object's ToString text, else its type name (what .NET's ToString gives a type without one).</summary>
        string? TextOf(XElement obj)
        {
            if (obj.Element(XName.Get("ToString", Namespace)) is { } ts) return Decode(ts.Value);
            if (obj.Element(XName.Get("TN", Namespace)) is { } tn) return tn.Elements(XName.Get("T", Namespace)).Select(t => Decode(t.Value)).FirstOrDefault();
            if ((string?)obj.Element(XName.Get("TNRef", Namespace))?.Attribute("RefId") is { } r && typeNames.TryGetValue(r, out var known)) return known.FirstOrDefault();
            return null;
        }

        /// <summary>
        /// Copies <paramref name="value"/>; a part of it that is itself a Ref copy is copied whole when it is at most
        /// <see cref="SmallRef"/> values, else becomes the ToString (or type name) of the object it copies (an error when there is neither).
        /// </summary>
        JToken CopyOwn(JToken value, string where)
        {
            switch (value)
            {
                case JValue v: return new JValue(v);
                case JProperty p: return new JProperty(p.Name, CopyOwn(p.Value, where));
                case JContainer c:
                    if (fromRef.TryGetValue(c, out var ts) && c.DescendantsAndSelf().Take(SmallRef + 1).Count() > SmallRef)
                        return ts is not null ? new JValue(ts)
                            : throw Error(where, "its <Ref> names an object that holds large <Ref> copies without a ToString text or type name; refused (a copy would cost more than the file)");
                    JContainer n = c is JObject ? new JObject() : new JArray();
                    foreach (var child in c.Children()) n.Add(CopyOwn(child, where));
                    return n;
                default: return value.DeepClone();
            }
        }

        static bool IsTextType(string typeName)
        {
            var t = typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName["Deserialized.".Length..] : typeName;
            var generic = t.IndexOf('[');
            if (generic >= 0) t = t[..generic];
            return TextTypes.Contains(t, StringComparer.Ordinal);
        }

        JToken TranslateContainer(XElement c, string where, int depth)
        {
            if (c.Name.LocalName != "DCT")
            {
                var arr = new JArray();
                var i = 0;
                foreach (var item in c.Elements()) arr.Add(Translate(item, $"{where}[{i++}]", depth + 1));
                return arr;
            }
            var dict = new JObject();
            foreach (var en in c.Elements())
            {
                if (en.Name.LocalName != "En") throw Error(where, $"a dictionary entry {Describe(en)} that is not <En>");
                var key = en.Elements().FirstOrDefault(x => (string?)x.Attribute("N") == "Key");
                var val = en.Elements().FirstOrDefault(x => (string?)x.Attribute("N") == "Value");
                if (key is null || val is null) throw Error(where, "a dictionary entry without Key and Value");
                var k = Translate(key, $"{where}.Key", depth + 1);
                if (k.Type is JTokenType.Object or JTokenType.Array or JTokenType.Null) throw Error(where, "a dictionary key that is not a single value");
                var ks = k.ToString();
                if (dict.ContainsKey(ks)) throw Error($"{where}.{ks}", "appears twice");
                dict[ks] = Translate(val, $"{where}.{ks}", depth + 1);
            }
            return dict;
        }
    }
}
