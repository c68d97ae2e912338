using System.Text;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Generation;

/// <summary>One host of a fleet run: its snapshot, and the benchmark and previous checklist when an inventory names them.</summary>
public sealed record FleetHostInput(string Facts, string? Host = null, string? Benchmark = null, string? Previous = null, string? Source = null)
{
    /// <summary>Where the host came from, for messages: the snapshot, or the inventory line.</summary>
    public string Label => Source ?? Facts;
}

/// <summary>
/// Finds a fleet's hosts: every snapshot in a facts folder (JSON files, and subfolders of per-command exports),
/// or the rows of an inventory file (CSV or JSON with host, facts, benchmark, previous).
/// </summary>
public static class FleetInputs
{
    /// <summary>
    /// The hosts of a facts folder, sorted by name: each *.json file is one snapshot, each subfolder one host's
    /// exports. A folder that itself holds exports (host.json or Get-*.json/xml files) is one host.
    /// </summary>
    public static IReadOnlyList<FleetHostInput> FromFolder(string folder, List<string>? warnings = null)
    {
        if (File.Exists(folder)) return [new FleetHostInput(folder)];
        if (!Directory.Exists(folder)) throw new InputException(folder, "not found (expected a folder of facts snapshots)", "--facts");
        if (IsExportFolder(folder)) return [new FleetHostInput(folder)];
        var hosts = new List<FleetHostInput>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.')) continue;
            if (Directory.Exists(entry)) hosts.Add(new FleetHostInput(entry));
            else if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) hosts.Add(new FleetHostInput(entry));
            else warnings?.Add($"skipped {entry}: not a snapshot (.json) or a folder of exports");
        }
        if (hosts.Count == 0) throw new InputException(folder, "holds no facts snapshots (.json files or folders of exports)", "--facts");
        return hosts;
    }

    static bool IsExportFolder(string folder) =>
        File.Exists(Path.Combine(folder, "host.json"))
        || Directory.EnumerateFiles(folder, "Get-*").Any(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));

    static readonly string[] Columns = ["host", "facts", "benchmark", "previous"];

    /// <summary>
    /// An inventory: CSV with a header row naming some of host, facts, benchmark, previous (facts required), or
    /// JSON (an array of objects with those fields, or {"hosts": [...]}). Relative paths are relative to the inventory's folder.
    /// </summary>
    public static IReadOnlyList<FleetHostInput> FromInventory(string path)
    {
        var text = JsonConfig.ReadText(path);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = text.TrimStart('\uFEFF').TrimStart().StartsWith('[') || text.TrimStart('\uFEFF').TrimStart().StartsWith('{')
            ? JsonRows(text, path) : CsvRows(text, path);
        var hosts = new List<FleetHostInput>();
        foreach (var (where, values) in rows)
        {
            string? Get(string k) => values.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            string? Resolve(string k) => Get(k) is { } v ? Path.Combine(baseDir, v) : null;
            var facts = Resolve("facts") ?? throw new InputException(path, "no facts path given", where + ".facts");
            hosts.Add(new FleetHostInput(facts, Get("host"), Resolve("benchmark"), Resolve("previous"), $"{path} {where}"));
        }
        if (hosts.Count == 0) throw new InputException(path, "the inventory names no hosts");
        return hosts;
    }

    static List<(string Where, Dictionary<string, string> Values)> JsonRows(string text, string path)
    {
        JToken root;
        try { root = JToken.Parse(text); }
        catch (Newtonsoft.Json.JsonException e) { throw new InputException(path, "not valid JSON: " + e.Message, null, e); }
        var array = root as JArray ?? (root as JObject)?["hosts"] as JArray
            ?? throw new InputException(path, "expected an array of hosts, or an object with a \"hosts\" array", "hosts");
        var rows = new List<(string, Dictionary<string, string>)>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"hosts[{i}]";
            if (array[i] is not JObject o) throw new InputException(path, "is not an object", where);
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in o.Properties())
            {
                if (!Columns.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                    throw new InputException(path, $"unknown field; an inventory entry has {string.Join(", ", Columns)}", $"{where}.{p.Name}");
                if (p.Value.Type is not (JTokenType.String or JTokenType.Null))
                    throw new InputException(path, "is not a string", $"{where}.{p.Name}");
                if (p.Value.Type == JTokenType.String) values[p.Name] = (string)p.Value!;
            }
            rows.Add((where, values));
        }
        return rows;
    }

    static List<(string Where, Dictionary<string, string> Values)> CsvRows(string text, string path)
    {
        var lines = ParseCsv(text.TrimStart('\uFEFF'), path);
        if (lines.Count == 0) throw new InputException(path, "empty inventory; expected a header row such as host,facts,benchmark,previous");
        var header = lines[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var h in header)
            if (!Columns.Contains(h)) throw new InputException(path, $"unknown column '{h}'; an inventory has the columns {string.Join(", ", Columns)}", "line 1");
        if (!header.Contains("facts")) throw new InputException(path, "the header row has no facts column", "line 1");
        var rows = new List<(string, Dictionary<string, string>)>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].All(string.IsNullOrWhiteSpace)) continue;
            if (lines[i].Count > header.Count) throw new InputException(path, $"{lines[i].Count} fields, but the header has {header.Count}", $"line {i + 1}");
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < lines[i].Count; c++) values[header[c]] = lines[i][c];
            rows.Add(($"line {i + 1}", values));
        }
        return rows;
    }

    /// <summary>RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    static List<List<string>> ParseCsv(string text, string path)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
            }
            else field.Append(c);
        }
        if (quoted) throw new InputException(path, "a quoted field is not closed", $"line {rows.Count + 1}");
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
