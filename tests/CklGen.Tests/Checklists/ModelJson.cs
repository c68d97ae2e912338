using CklGen.Checklists;
using CklGen.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Checklists;

/// <summary>
/// Model comparison through canonical JSON (Newtonsoft, object keys sorted), so that a failing test
/// shows the difference as text.
/// </summary>
public static class ModelJson
{
    static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
    });

    public static JToken Tree(Checklist c) => Sort(JToken.FromObject(c, Serializer));

    public static string Canonical(Checklist c) => Tree(c).ToString(Formatting.Indented);

    /// <summary>Exact equality of two models.</summary>
    public static void Equal(Checklist expected, Checklist actual, string because = "")
    {
        var a = Canonical(expected);
        var b = Canonical(actual);
        if (a == b) return;
        Assert.Fail($"{because}: models differ at {Support.TextDifference.First(a, b)}");
    }

    /// <summary>
    /// Every value <paramref name="before"/> holds is in <paramref name="after"/> unchanged; only values that
    /// were absent (null) or empty may have been filled in. Lists keep their length; STIG_INFO pairs are
    /// compared by name.
    /// </summary>
    public static void Keeps(Checklist before, Checklist after, string because = "")
    {
        var diffs = new List<string>();
        Keeps(Tree(before), Tree(after), "$", diffs);
        if (diffs.Count > 0) Assert.Fail($"{because}: {diffs.Count} value(s) lost or changed:\n" + string.Join("\n", diffs.Take(20)));
    }

    static void Keeps(JToken before, JToken? after, string path, List<string> diffs)
    {
        switch (before)
        {
            case JValue v when v.Type == JTokenType.Null || (v.Type == JTokenType.String && (string?)v.Value == ""):
                return;
            case JValue v:
                if (after is not JValue w || !JToken.DeepEquals(v, w)) diffs.Add($"{path}: {Show(v)} became {Show(after)}");
                return;
            case JObject o:
                if (after is not JObject p) { diffs.Add($"{path}: object became {Show(after)}"); return; }
                foreach (var prop in o.Properties()) Keeps(prop.Value, p[prop.Name], $"{path}.{prop.Name}", diffs);
                return;
            case JArray a when IsPairs(a):
                if (after is not JArray b || !IsPairs(b)) { diffs.Add($"{path}: pairs became {Show(after)}"); return; }
                Keeps(PairsToObject(a), PairsToObject(b), path, diffs);
                return;
            case JArray a:
                if (after is not JArray c || c.Count != a.Count) { diffs.Add($"{path}: {a.Count} items became {Show(after)}"); return; }
                for (var i = 0; i < a.Count; i++) Keeps(a[i], c[i], $"{path}[{i}]", diffs);
                return;
        }
    }

    static bool IsPairs(JArray a) => a.Count > 0 && a.All(x => x is JObject o && o.Count == 2 && o.ContainsKey("Key") && o.ContainsKey("Value"));

    static JObject PairsToObject(JArray a)
    {
        var o = new JObject();
        foreach (var x in a) o[(string)x["Key"]!] = x["Value"];
        return o;
    }

    static string Show(JToken? t) => t is null ? "<absent>" : Support.TextDifference.Clip(t.ToString(Formatting.None));


    static JToken Sort(JToken t) => t switch
    {
        JObject o => new JObject(o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, Sort(p.Value)))),
        JArray a => new JArray(a.Select(Sort)),
        _ => t.DeepClone(),
    };


}

/// <summary>The shared checklist corpus and the files in it that are broken on purpose.</summary>
public static class Corpus
{
    public static string CklDir => Path.Combine(TestPaths.SharedChecklists, "ckl");
    public static string CklbDir => Path.Combine(TestPaths.SharedChecklists, "cklb");

    /// <summary>Files a reader must refuse, with a fragment of the message expected, whatever mode it reads in.</summary>
    public static readonly Dictionary<string, string> Broken = new(StringComparer.Ordinal)
    {
        ["ckl/no-checklist-xml-element.ckl"] = "no CHECKLIST element",
        ["ckl/No-Asset-xml-element.ckl"] = "no ASSET element",
        ["ckl/no-Stigs-xml-element.ckl"] = "no STIGS element",
        ["ckl/no-Host_Name-xml-element.ckl"] = "HOST_NAME is empty",
        // Both hold <SID_DATA></SID_DATA> for stigid; STIG Manager refuses them too.
        ["ckl/empty-stigid-SID_DATA-element.ckl"] = "no SI_DATA with SID_NAME stigid",
        ["ckl/no-SID_DATA-element.ckl"] = "no SI_DATA with SID_NAME stigid",
        // Stray </VULN> end tags (lines 255, 351, 352): not well-formed XML, which no XML parser may accept.
        ["ckl/all-possible-results.ckl"] = "not well-formed XML (line 255, position 13)",
        ["cklb/NoStigsArray.cklb"] = "stigs: no stigs array",
        ["cklb/NoTargetHostName.cklb"] = "target_data.host_name: host_name is missing or empty",
    };

    /// <summary>Files that load for validation but that <see cref="ChecklistFile.Read"/> refuses by default.</summary>
    public static readonly Dictionary<string, string> RefusedByDefault = new(StringComparer.Ordinal)
    {
        ["ckl/no-Status-xml-element.ckl"] = "status that is not a checklist status",
    };

    /// <summary>Every corpus file as "ckl/NAME" or "cklb/NAME" (the ckl folder also holds a .cklb and a file without extension).</summary>
    public static IEnumerable<string> All() =>
        Directory.GetFiles(CklDir).Select(f => "ckl/" + Path.GetFileName(f))
            .Concat(Directory.GetFiles(CklbDir).Select(f => "cklb/" + Path.GetFileName(f)))
            .OrderBy(f => f, StringComparer.Ordinal);

    public static IEnumerable<string> Loadable() => All().Where(f => !Broken.ContainsKey(f));

    public static string PathOf(string name) => Path.Combine(TestPaths.SharedChecklists, name);

    public static Checklist Load(string name) => ChecklistFile.Read(PathOf(name), keepUnrecognizedStatus: true);

    public static TheoryData<string> Data(IEnumerable<string> names)
    {
        var d = new TheoryData<string>();
        foreach (var n in names) d.Add(n);
        return d;
    }

    public static string Schema => Path.Combine(TestPaths.SharedSchemas, "U_Checklist_Schema_V2.xsd");

    /// <summary>A writer with counting ids and a fixed clock, for stable output.</summary>
    public static CklbWriter StableCklbWriter()
    {
        var n = 0;
        return new CklbWriter
        {
            NewId = () => $"00000000-0000-4000-8000-{++n:D12}",
            Clock = () => new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        };
    }
}
