using Newtonsoft.Json.Linq;

namespace CklGen.Benchmarks;

/// <summary>
/// A synthetic fleet built from the example snapshots of the 68-rule benchmarks (2019 Mailbox, 2019 Edge, 2016 Edge):
/// each host its own name, FQDN, IP and MAC, and some settings varied (booleans flipped, numbers changed) from a
/// seeded random source, so hosts differ the way real ones do and every run builds the same fleet.
/// </summary>
public static class SyntheticFleet
{
    public static readonly string[] Templates = ["exch2019-mailbox-EXMBX01.json", "exch2019-edge-EXEDGE01.json", "exch2016-edge-EXEDGE16.json"];

    /// <summary>Writes <paramref name="count"/> snapshots into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(Paths paths, string folder, int count, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var templates = Templates.Select(t => JObject.Parse(File.ReadAllText(paths.Facts(t)))).ToList();
        var random = new Random(seed);
        var written = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var t = (i - 1) % templates.Count;
            var o = (JObject)templates[t].DeepClone();
            var kind = t == 0 ? "MBX" : "EDGE";
            var name = $"EX{kind}{i:D4}";
            var host = (JObject)o["host"]!;
            host["name"] = name;
            host["fqdn"] = name.ToLowerInvariant() + ".corp.example.mil";
            host["ip"] = new JArray($"10.{10 + t}.{i / 250}.{i % 250 + 1}");
            host["mac"] = new JArray($"00-15-5D-{t:X2}-{i / 256:X2}-{i % 256:X2}");
            Vary((JObject)o["commands"]!, random);
            var path = Path.Combine(folder, name + ".json");
            File.WriteAllText(path, o.ToString());
            written.Add(path);
        }
        return written;
    }

    /// <summary>Flips about one boolean in six and nudges about one integer in six.</summary>
    static void Vary(JObject commands, Random random)
    {
        foreach (var v in commands.Descendants().OfType<JValue>().ToList())
        {
            if (v.Parent is not JProperty) continue;
            if (v.Type == JTokenType.Boolean && random.Next(6) == 0) v.Value = !(bool)v.Value!;
            else if (v.Type == JTokenType.Integer && random.Next(6) == 0) v.Value = Math.Max(0, (long)v.Value! + random.Next(-2, 3));
        }
    }
}
