using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Facts;

/// <summary>
/// Reads a facts snapshot (shared docs/facts-format.md): a canonical JSON file, or a folder of per-command
/// exports (Command.json from ConvertTo-Json, Command.xml from Export-Clixml, optional host.json).
/// Property values are kept in the form they arrived in; only the snapshot's own structure is checked
/// here, and any structure it cannot read for certain is an <see cref="InputException"/> naming the file,
/// the command and the property. Input files are only read.
/// <para>
/// Decisions: two keys naming the same command are an error; a command both in "commands" and "errors" failed part way.
/// In a folder, an export that holds nothing (an empty file, JSON null, a CLIXML file with no objects) is
/// recorded as failed with the reason: PowerShell writes exactly that when the command returned nothing
/// and when it failed, so it cannot stand for "collected, none". A file holding [] does.
/// </para>
/// </summary>
public static class FactsReader
{
    /// <summary>Largest snapshot or export file read, in bytes.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;
    public const int SupportedVersion = 1;

    static readonly Regex CommandFile = new(@"^(?<stem>[A-Za-z]+-[A-Za-z0-9]+(?:__.*)?)\.(?<ext>json|xml)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static FactsSnapshot Read(string path) => Read(path, MaxBytes);

    internal static FactsSnapshot Read(string path, long maxBytes)
    {
        if (Directory.Exists(path)) return ReadFolder(Path.GetFullPath(path), maxBytes);
        if (!File.Exists(path)) throw new InputException(path, "not found (expected a facts snapshot file or a folder of command exports)");
        FactsSnapshot read;
        using (var text = IO.StrictText.OpenFile(path, maxBytes)) read = ReadCanonicalStreaming(text, path);
        read.Sha256 = Sha256OfFile(path);
        read.Sha256Of = "file";
        return read;
    }

    static string Sha256OfFile(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
    }

    /// <summary>SHA-256 of a folder's manifest: one line "sha256  name" per file read, in name order.</summary>
    static string Sha256OfFolder(IEnumerable<string> files) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Concat(files.Order(StringComparer.Ordinal).Select(f => $"{Sha256OfFile(f)}  {Path.GetFileName(f)}\n")))));

    // ---- the canonical file

    static FactsSnapshot ReadCanonical(string file, JToken root, IReadOnlyList<(string Name, IReadOnlyList<FactObject> Objects)>? streamed = null)
    {
        if (root is not JObject o) throw new InputException(file, $"not a CklGen facts snapshot: the document is {Kind(root)}, not an object");
        var version = o["cklgenFacts"];
        if (version is null) throw new InputException(file, "not a CklGen facts snapshot: it has no cklgenFacts version", "cklgenFacts");
        if (version.Type != JTokenType.Integer) throw new InputException(file, $"is {Kind(version)}; expected the format version {SupportedVersion}", "cklgenFacts");
        if (version is not JValue { Value: long v } || v != SupportedVersion) throw new InputException(file, $"unsupported format version {version}; this CklGen reads version {SupportedVersion}", "cklgenFacts");

        var commands = new Dictionary<string, CommandOutput>(StringComparer.OrdinalIgnoreCase);
        if (streamed is not null)
        {
            foreach (var (name, objects) in streamed) AddCommand(name, objects);
        }
        else
        {
            if (o["commands"] is not { } commandsToken) throw new InputException(file, "names no commands (no \"commands\" object)", "commands");
            if (commandsToken is not JObject commandsObj) throw new InputException(file, $"is {Kind(commandsToken)}, not an object of command outputs", "commands");
            foreach (var p in commandsObj.Properties()) AddCommand(p.Name, ReadOutput(p.Value, file, p.Name));
        }

        void AddCommand(string name, IReadOnlyList<FactObject> objects)
        {
            if (name.Trim().Length == 0) throw new InputException(file, "a command with an empty name", "commands");
            if (!commands.TryAdd(name, new CommandOutput { Command = name, SourceFile = file, Objects = objects }))
                throw new InputException(file, $"'{commands.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))}' and '{name}' name the same command", name);
        }

        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (o["errors"])
        {
            case null or { Type: JTokenType.Null }: break;
            case JObject errorsObj:
                foreach (var p in errorsObj.Properties())
                {
                    if (p.Value.Type != JTokenType.String) throw new InputException(file, $"is {Kind(p.Value)}; an error is the message text", $"errors.{p.Name}");
                    // Both in "commands" and "errors": it failed part way, and its output decides nothing (FactsSnapshot.Lookup).
                    errors.Add(p.Name, (string)p.Value!);
                }
                break;
            case var other: throw new InputException(file, $"is {Kind(other)}, not an object of error messages", "errors");
        }
        if (commands.Count == 0 && errors.Count == 0) throw new InputException(file, "names no commands", "commands");
        CheckDistinct(file, commands.Keys.Concat(errors.Keys.Where(k => !commands.ContainsKey(k))));

        var header = ReadHeader(o, file);
        return new FactsSnapshot
        {
            SourcePath = file,
            FormatVersion = SupportedVersion,
            CollectedAt = header.CollectedAt,
            Collector = header.Collector,
            Host = header.Host ?? new FactsHost(),
            ExchangeVersion = header.ExchangeVersion,
            ServerRole = header.ServerRole,
            Commands = commands,
            Errors = errors,
        };
    }

    /// <summary>
    /// Reads a canonical snapshot as it is parsed: the command outputs are built into <see cref="FactObject"/>s
    /// object by object, never as one JSON tree of the whole file (which costs about ten times the file's size).
    /// Everything else (version, host, errors) is small and read as JSON values; a file whose "commands" come
    /// before its "cklgenFacts" version is read as a tree, so that a file that is no snapshot at all is told so first.
    /// </summary>
    static FactsSnapshot ReadCanonicalStreaming(TextReader text, string file)
    {
        try
        {
            using var reader = NewReader(text);
            if (!ReadSkippingComments(reader)) throw new InputException(file, "is empty; expected a CklGen facts snapshot (docs/facts-format.md)");
            if (reader.TokenType != JsonToken.StartObject)
                return ReadCanonical(file, FinishTree(reader));
            var header = new JObject();
            List<(string, IReadOnlyList<FactObject>)>? streamed = null;
            while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (header.ContainsKey(name) || (name == "commands" && streamed is not null))
                    throw new JsonReaderException($"Property with the name '{name}' already exists in the current JSON object. Path '{reader.Path}', line {reader.LineNumber}, position {reader.LinePosition}.");
                if (!ReadSkippingComments(reader)) break;
                if (name == "commands" && reader.TokenType == JsonToken.StartObject && header.ContainsKey("cklgenFacts"))
                    streamed = ReadCommandsStreaming(reader, file);
                else
                    header[name] = JToken.ReadFrom(reader, LoadSettings);
            }
            if (reader.TokenType != JsonToken.EndObject) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
            FinishDocument(reader);
            if (streamed is not null) header["commands"] = new JObject();
            return ReadCanonical(file, header, streamed);
        }
        catch (JsonReaderException e)
        {
            throw new InputException(file, "not valid JSON: " + e.Message, inner: e);
        }
    }

    static List<(string, IReadOnlyList<FactObject>)> ReadCommandsStreaming(JsonTextReader reader, string file)
    {
        var result = new List<(string, IReadOnlyList<FactObject>)>();
        while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
        {
            var command = (string)reader.Value!;
            if (result.Any(r => r.Item1 == command))
                throw new JsonReaderException($"Property with the name '{command}' already exists in the current JSON object. Path '{reader.Path}', line {reader.LineNumber}, position {reader.LinePosition}.");
            if (!ReadSkippingComments(reader)) break;
            if (reader.TokenType != JsonToken.StartArray)
            {
                // One object, the {"value": [...], "Count": n} wrapper, or a wrong kind: rare and small, read as a tree.
                result.Add((command, ReadOutput(JToken.ReadFrom(reader, LoadSettings), file, command)));
                continue;
            }
            var objects = new List<FactObject>();
            bool? values = null;
            var texts = new ValueTexts();
            while (ReadSkippingComments(reader) && reader.TokenType != JsonToken.EndArray)
            {
                var where = $"{command}[{objects.Count}]";
                if (reader.TokenType != JsonToken.StartObject)
                {
                    var item = JToken.ReadFrom(reader, LoadSettings);
                    if (values == false || !IsPlainValue(item)) throw new InputException(file, $"is {Kind(item)}, not an object", where);
                    values = true;
                    objects.Add(ValueObject(item));
                    continue;
                }
                if (values == true) throw new InputException(file, "is an object, but the items before it are plain values (a command returns objects or values, not both)", where);
                values = false;
                objects.Add(ReadFactObject(reader, file, where, texts));
            }
            if (reader.TokenType != JsonToken.EndArray) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
            result.Add((command, objects));
        }
        if (reader.TokenType != JsonToken.EndObject) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
        return result;
    }

    /// <summary>One object of a command's output, read property by property into its dictionary (no JObject kept).</summary>
    static FactObject ReadFactObject(JsonTextReader reader, string file, string where, ValueTexts texts)
    {
        var props = new Dictionary<string, JToken?>(StringComparer.OrdinalIgnoreCase);
        while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            if (!ReadSkippingComments(reader)) break;
            JToken value = reader.TokenType switch
            {
                JsonToken.StartObject or JsonToken.StartArray => ReadValue(reader, texts),
                _ => ReadScalar(reader, texts),
            };
            if (props.TryGetValue(name, out var earlier))
            {
                if (props.Keys.Any(k => k == name))
                    throw new JsonReaderException($"Property with the name '{name}' already exists in the current JSON object. Path '{reader.Path}', line {reader.LineNumber}, position {reader.LinePosition}.");
                if (!JToken.DeepEquals(earlier, value))
                    throw new InputException(file, "appears twice with different values (property names ignore case)", $"{where}.{name}");
                continue;
            }
            props[name] = value;
        }
        if (reader.TokenType != JsonToken.EndObject) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
        return FactObject.Own(props);
    }

    /// <summary>
    /// One value as JToken.ReadFrom builds it (comments skipped, a property twice in an object an error), but with
    /// short string values shared: the objects of a command repeat the same texts ("True", enum names, sizes),
    /// and each kept once makes a snapshot cost a smaller multiple of its size.
    /// </summary>
    static JToken ReadValue(JsonTextReader reader, ValueTexts texts)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                var o = new JObject();
                while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    if (o.ContainsKey(name))
                        throw new JsonReaderException($"Property with the name '{name}' already exists in the current JSON object. Path '{reader.Path}', line {reader.LineNumber}, position {reader.LinePosition}.");
                    if (!ReadSkippingComments(reader)) break;
                    o.Add(name, ReadValue(reader, texts));
                }
                if (reader.TokenType != JsonToken.EndObject) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
                return o;
            case JsonToken.StartArray:
                var a = new JArray();
                while (ReadSkippingComments(reader) && reader.TokenType != JsonToken.EndArray) a.Add(ReadValue(reader, texts));
                if (reader.TokenType != JsonToken.EndArray) throw new JsonReaderException($"unexpected end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
                return a;
            default:
                return ReadScalar(reader, texts);
        }
    }

    static JValue ReadScalar(JsonTextReader reader, ValueTexts texts) => reader.TokenType switch
    {
        JsonToken.Null => JValue.CreateNull(),
        JsonToken.Undefined => JValue.CreateUndefined(),
        JsonToken.String => new JValue(texts.Share((string)reader.Value!)),
        JsonToken.Integer or JsonToken.Float or JsonToken.Boolean => new JValue(reader.Value),
        _ => throw new JsonReaderException($"unexpected {reader.TokenType} (line {reader.LineNumber}, position {reader.LinePosition})"),
    };

    /// <summary>Short string values seen before in this command's output, one instance each.</summary>
    sealed class ValueTexts
    {
        const int MaxLength = 64, MaxCount = 100_000;
        readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public string Share(string s)
        {
            if (s.Length > MaxLength) return s;
            if (seen.TryGetValue(s, out var earlier)) return earlier;
            if (seen.Count < MaxCount) seen.Add(s);
            return s;
        }
    }

    /// <summary>A command's value: an array of objects, one object (ConvertTo-Json's single-object form) or {"value":[...],"Count":n}.</summary>
    static IReadOnlyList<FactObject> ReadOutput(JToken value, string file, string command)
    {
        JArray items;
        switch (value)
        {
            case JArray a: items = a; break;
            case JObject obj when IsWrappedArray(obj, out var inner):
                if (obj.GetValue("Count", StringComparison.OrdinalIgnoreCase) is { } count && (count.Type != JTokenType.Integer || (long)count != inner.Count))
                    throw new InputException(file, $"the wrapped list says Count {count.ToString(Formatting.None)} but holds {inner.Count} objects", command);
                items = inner; break;
            case JObject obj: items = [obj]; break;
            case { Type: JTokenType.Null }:
                throw new InputException(file, "is null, which cannot say whether the command returned nothing; [] stands for none", command);
            default:
                throw new InputException(file, $"is {Kind(value)}; a command's output is a list of objects", command);
        }
        var result = new List<FactObject>(items.Count);
        // A command whose output is single values (Get-ExecutionPolicy) is a list of them (facts-format section 5).
        if (items.Count > 0 && items[0] is not JObject && IsPlainValue(items[0]))
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (!IsPlainValue(items[i])) throw new InputException(file, $"is {Kind(items[i])}, but the items before it are plain values (a command returns objects or values, not both)", $"{command}[{i}]");
                result.Add(ValueObject(items[i]));
            }
            return result;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JObject item) throw new InputException(file, $"is {Kind(items[i])}, not an object", $"{command}[{i}]");
            result.Add(ToFactObject(item, file, $"{command}[{i}]"));
        }
        return result;
    }

    /// <summary>The name under which a plain returned value is kept: such an output reads as objects with one property.</summary>
    public const string ValueProperty = "Value";

    static bool IsPlainValue(JToken t) => t.Type is JTokenType.String or JTokenType.Integer or JTokenType.Boolean or JTokenType.Float;

    static FactObject ValueObject(JToken value) =>
        FactObject.Own(new Dictionary<string, JToken?>(StringComparer.OrdinalIgnoreCase) { [ValueProperty] = value });

    static bool IsWrappedArray(JObject o, out JArray inner)
    {
        inner = null!;
        if (o.GetValue("value", StringComparison.OrdinalIgnoreCase) is not JArray a) return false;
        if (o.Properties().Any(p => !p.Name.Equals("value", StringComparison.OrdinalIgnoreCase) && !p.Name.Equals("Count", StringComparison.OrdinalIgnoreCase))) return false;
        inner = a;
        return true;
    }

    static FactObject ToFactObject(JObject o, string file, string where)
    {
        var props = new Dictionary<string, JToken?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in o.Properties())
        {
            if (props.TryGetValue(p.Name, out var earlier) && !JToken.DeepEquals(earlier, p.Value))
                throw new InputException(file, "appears twice with different values (property names ignore case)", $"{where}.{p.Name}");
            props[p.Name] = p.Value;
        }
        return FactObject.Own(props);
    }

    /// <summary>No two keys (collected or failed) may name the same command.</summary>
    static void CheckDistinct(string source, IEnumerable<string> keys)
    {
        var parsed = keys.Select(k => (Key: k, Parsed: CommandKey.Parse(k))).ToList();
        for (var i = 0; i < parsed.Count; i++)
            for (var j = i + 1; j < parsed.Count; j++)
                if (parsed[i].Parsed.Matches(parsed[j].Parsed))
                    throw new InputException(source, $"'{parsed[i].Key}' and '{parsed[j].Key}' name the same command", parsed[j].Key);
    }

    // ---- host and exchange (canonical file and host.json)

    sealed record Header(string? CollectedAt, string? Collector, FactsHost? Host, string? ExchangeVersion, string? ServerRole);

    static Header ReadHeader(JObject o, string file)
    {
        FactsHost? host = null;
        switch (o["host"])
        {
            case null or { Type: JTokenType.Null }: break;
            case JObject h:
                host = new FactsHost
                {
                    Name = Str(h, "name", file, "host"),
                    Fqdn = Str(h, "fqdn", file, "host"),
                    Ip = StrList(h, "ip", file, "host"),
                    Mac = StrList(h, "mac", file, "host"),
                    Role = Str(h, "role", file, "host"),
                    SystemDrive = Str(h, "systemDrive", file, "host"),
                    ExchangeInstallPath = Str(h, "exchangeInstallPath", file, "host"),
                };
                break;
            case var other: throw new InputException(file, $"is {Kind(other)}, not an object", "host");
        }
        string? version = null, role = null;
        switch (o["exchange"])
        {
            case null or { Type: JTokenType.Null }: break;
            case JObject x:
                version = Str(x, "version", file, "exchange");
                role = x["serverRole"] is JArray roles
                    ? string.Join(", ", roles.Select((r, i) => r.Type == JTokenType.String ? (string)r! : throw new InputException(file, $"is {Kind(r)}, not a role name", $"exchange.serverRole[{i}]")))
                    : Str(x, "serverRole", file, "exchange");
                break;
            case var other: throw new InputException(file, $"is {Kind(other)}, not an object", "exchange");
        }
        return new Header(Str(o, "collectedAt", file, null), Str(o, "collector", file, null), host, version, role);
    }

    static string? Str(JObject o, string name, string file, string? parent)
    {
        var t = o[name];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type != JTokenType.String) throw new InputException(file, $"is {Kind(t)}, not text", parent is null ? name : $"{parent}.{name}");
        return (string)t!;
    }

    static IReadOnlyList<string> StrList(JObject o, string name, string file, string parent)
    {
        var t = o[name];
        if (t is null || t.Type == JTokenType.Null) return [];
        if (t.Type == JTokenType.String) return [(string)t!];
        if (t is JArray a && a.All(x => x.Type == JTokenType.String)) return a.Select(x => (string)x!).ToList();
        throw new InputException(file, $"is {Kind(t)}; expected text or a list of text", $"{parent}.{name}");
    }

    // ---- the folder form

    static FactsSnapshot ReadFolder(string dir, long maxBytes)
    {
        var commands = new Dictionary<string, CommandOutput>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Header? header = null;
        string? hostFile = null;

        foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.Equals("host.json", StringComparison.OrdinalIgnoreCase))
            {
                var h = ParseJsonFile(path, maxBytes, out var hostEmpty);
                if (hostEmpty) throw new InputException(path, "is empty; expected an object with \"host\" and/or \"exchange\" (docs/facts-format.md section 2)");
                if (h is not JObject ho || (ho["host"] is null && ho["exchange"] is null))
                    throw new InputException(path, "expected an object with \"host\" and/or \"exchange\" (docs/facts-format.md section 2)");
                header = ReadHeader(ho, path);
                hostFile = path;
                continue;
            }
            var m = CommandFile.Match(name);
            if (!m.Success) continue;
            var key = m.Groups["stem"].Value;
            if (files.TryGetValue(key, out var other))
                throw new InputException(path, $"exports the same command as {Path.GetFileName(other)}; keep one");
            files[key] = path;

            var empty = m.Groups["ext"].Value.Equals("json", StringComparison.OrdinalIgnoreCase)
                ? ReadJsonExport(path, key, maxBytes, out var objects)
                : ReadClixmlExport(path, key, maxBytes, out objects);
            if (empty is not null) errors[key] = empty;
            else commands[key] = new CommandOutput { Command = key, SourceFile = path, Objects = objects! };
        }
        if (files.Count == 0)
            throw new InputException(dir, "names no commands: the folder holds no command exports (files named like Get-SendConnector.json or Get-ReceiveConnector.xml)");
        CheckDistinct(dir, files.Keys);

        var host = header?.Host ?? new FactsHost();
        var hostName = host.Name ?? HostNameFromOutput(commands.Values) ?? new DirectoryInfo(dir).Name;
        var server = ExchangeServerObject(commands.Values, hostName);
        return new FactsSnapshot
        {
            SourcePath = dir,
            FormatVersion = SupportedVersion,
            CollectedAt = header?.CollectedAt,
            Collector = header?.Collector,
            Host = new FactsHost
            {
                Name = hostName,
                Fqdn = host.Fqdn ?? (server?.Get("Fqdn") is { Type: JTokenType.String } f ? (string)f! : null),
                Ip = host.Ip, Mac = host.Mac, Role = host.Role,
                SystemDrive = host.SystemDrive, ExchangeInstallPath = host.ExchangeInstallPath,
            },
            ExchangeVersion = header?.ExchangeVersion ?? (server?.Get("AdminDisplayVersion") is { Type: JTokenType.String } v ? (string)v! : null),
            ServerRole = header?.ServerRole ?? (server?.Get("ServerRole") is { Type: JTokenType.String } r ? (string)r! : null),
            Commands = commands,
            Errors = errors,
            Sha256 = Sha256OfFolder(hostFile is null ? files.Values : files.Values.Append(hostFile)),
            Sha256Of = "folder manifest",
        };
    }

    /// <summary>Returns why the export cannot count as collected when it holds nothing, else null with the objects.</summary>
    static string? ReadJsonExport(string path, string key, long maxBytes, out IReadOnlyList<FactObject>? objects)
    {
        objects = null;
        var root = ParseJsonFile(path, maxBytes, out var empty);
        if (empty)
            return $"{Path.GetFileName(path)} is empty: ConvertTo-Json writes nothing both when the command returned nothing and when it failed. If it returned nothing, write [] into the file.";
        if (root.Type == JTokenType.Null)
            return $"{Path.GetFileName(path)} holds null, which does not say whether the command returned nothing. If it returned nothing, write [] into the file.";
        objects = ReadOutput(root, path, key);
        return null;
    }

    static string? ReadClixmlExport(string path, string key, long maxBytes, out IReadOnlyList<FactObject>? objects)
    {
        objects = null;
        var items = CliXmlReader.Read(path, key, maxBytes);
        if (items.Count == 0)
            return $"{Path.GetFileName(path)} holds no objects: Export-Clixml writes that both when the command returned nothing and when it failed. If it returned nothing, replace it with {key}.json holding [].";
        objects = items.Select((o, i) => ToFactObject(o, path, $"{key}[{i}]")).ToList();
        return null;
    }

    /// <summary>
    /// The one Get-ExchangeServer object, or the one distinct Server value across the outputs (a name or
    /// an object with a Name). OriginatingServer is not used: it names the domain controller read from.
    /// </summary>
    static string? HostNameFromOutput(IEnumerable<CommandOutput> outputs)
    {
        var list = outputs.ToList();
        var servers = list.Where(o => CommandKey.Parse(o.Command).Name == "get-exchangeserver").SelectMany(o => o.Objects).ToList();
        if (servers.Count == 1 && servers[0].Get("Name") is { Type: JTokenType.String } n && ((string)n!).Length > 0) return (string)n!;

        var names = list.SelectMany(o => o.Objects).Select(o => o.Get("Server") switch
        {
            { Type: JTokenType.String } s => (string?)s,
            JObject so when so.GetValue("Name", StringComparison.OrdinalIgnoreCase) is { Type: JTokenType.String } sn => (string?)sn,
            _ => null,
        }).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return names.Count == 1 ? names[0] : null;
    }

    static FactObject? ExchangeServerObject(IEnumerable<CommandOutput> outputs, string hostName) =>
        outputs.Where(o => CommandKey.Parse(o.Command).Name == "get-exchangeserver").SelectMany(o => o.Objects)
            .Where(o => o.Get("Name") is { Type: JTokenType.String } n && ((string)n!).Equals(hostName, StringComparison.OrdinalIgnoreCase))
            .ToList() is [var only] ? only : null;

    // ---- text and JSON


    /// <summary>
    /// Parses the file as it is read (never holding its bytes and its text at once; a 100 MB snapshot would
    /// otherwise cost three times its size before the first object is built). <paramref name="empty"/> is set,
    /// with a null token, when the file holds only white space (and comments).
    /// </summary>
    internal static JToken ParseJsonFile(string path, long maxBytes, out bool empty)
    {
        using var text = IO.StrictText.OpenFile(path, maxBytes);
        return ParseJson(text, path, out empty);
    }

    internal static JToken ParseJson(string text, string file) => ParseJson(new StringReader(text), file, out _);

    static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
        // Nothing reads a fact's line number; kept, it is one more object for every value of the file.
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    static JsonTextReader NewReader(TextReader text) => new(text)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = 64,
        // Thousands of objects repeat the same property names: one string each.
        PropertyNameTable = new InterningNameTable(),
    };

    static bool ReadSkippingComments(JsonTextReader reader)
    {
        while (reader.Read())
            if (reader.TokenType != JsonToken.Comment) return true;
        return false;
    }

    /// <summary>Only comments may follow the document.</summary>
    static void FinishDocument(JsonTextReader reader)
    {
        if (ReadSkippingComments(reader))
            throw new JsonReaderException($"unexpected content after the end of the document (line {reader.LineNumber}, position {reader.LinePosition})");
    }

    static JToken FinishTree(JsonTextReader reader)
    {
        var token = JToken.ReadFrom(reader, LoadSettings);
        FinishDocument(reader);
        return token;
    }

    static JToken ParseJson(TextReader text, string file, out bool empty)
    {
        empty = false;
        try
        {
            using var reader = NewReader(text);
            if (!ReadSkippingComments(reader))
            {
                empty = true;
                return JValue.CreateNull();
            }
            return FinishTree(reader);
        }
        catch (JsonReaderException e)
        {
            throw new InputException(file, "not valid JSON: " + e.Message, inner: e);
        }
    }

    /// <summary>Adds each property name on first sight (Newtonsoft's own table only returns names added beforehand).</summary>
    sealed class InterningNameTable : JsonNameTable
    {
        readonly DefaultJsonNameTable names = new();

        public override string? Get(char[] key, int start, int length) =>
            length > 128 ? null : names.Get(key, start, length) ?? names.Add(new string(key, start, length));
    }

    static string Kind(JToken t) => t.Type switch
    {
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Array => "a list",
        JTokenType.Object => "an object",
        JTokenType.Null => "null",
        _ => t.Type.ToString().ToLowerInvariant(),
    };
}
