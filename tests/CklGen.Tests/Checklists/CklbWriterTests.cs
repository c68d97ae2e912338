using CklGen.Checklists;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Checklists;

public class CklbWriterTests
{
    [Fact]
    public void A_ckl_converted_to_cklb_gets_every_key_STIG_Viewer_3_writes()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        var o = Corpus.StableCklbWriter().ToJson(c);
        Assert.Equal(["title", "id", "active", "mode", "has_path", "target_data", "stigs", "cklb_version"], o.Properties().Select(p => p.Name));
        Assert.Equal("MyAsset-RHEL_9_TRUNCATED", (string?)o["title"]);
        Assert.Equal("00000000-0000-4000-8000-000000000001", (string?)o["id"]);
        Assert.Equal("1.0", (string?)o["cklb_version"]);
        Assert.Equal(["target_type", "host_name", "ip_address", "mac_address", "fqdn", "comments", "role", "is_web_database",
                      "technology_area", "web_db_site", "web_db_instance", "ckl_marking", "ckl_host_guid", "ckl_target_key"],
            ((JObject)o["target_data"]!).Properties().Select(p => p.Name));
        var stig = (JObject)o["stigs"]![0]!;
        Assert.Equal(["stig_name", "display_name", "stig_id", "version", "release_info", "uuid", "reference_identifier", "size", "rules", "ckl_stig_info"],
            stig.Properties().Select(p => p.Name));
        Assert.Equal(1, (int)stig["size"]!);
        var rule = (JObject)stig["rules"]![0]!;
        Assert.Equal(
            ["uuid", "stig_uuid", "target_key", "stig_ref", "group_id", "rule_id", "rule_id_src", "weight", "classification", "severity",
             "rule_version", "group_title", "rule_title", "fix_text", "false_positives", "false_negatives", "discussion", "check_content",
             "documentable", "mitigations", "potential_impacts", "third_party_tools", "mitigation_control", "responsibility",
             "security_override_guidance", "ia_controls", "check_content_ref", "legacy_ids", "ccis", "group_tree", "createdAt",
             "updatedAt", "STIGUuid", "status", "overrides", "comments", "finding_details"],
            rule.Properties().Select(p => p.Name));
        Assert.Equal("SV-207191r803418", (string?)rule["rule_id"]);
        Assert.Equal((string?)stig["uuid"], (string?)rule["stig_uuid"]);
        Assert.Equal((string?)rule["stig_uuid"], (string?)rule["STIGUuid"]);
        Assert.Equal("2024-05-06T07:08:09.000+00:00", (string?)rule["createdAt"]);
        Assert.Equal("not_a_finding", (string?)rule["status"]);
        Assert.Equal("V-207191", (string?)rule["group_tree"]![0]!["id"]);
        Assert.Equal(new JObject(), rule["overrides"]);
    }

    [Fact]
    public void Stable_ids_and_clock_give_stable_output()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        Assert.Equal(Corpus.StableCklbWriter().ToText(c), Corpus.StableCklbWriter().ToText(c));
        Assert.NotEqual(CklbWriter.Default.ToText(c), CklbWriter.Default.ToText(c)); // fresh uuids each time by default
    }

    [Fact]
    public void Severity_override_uses_STIG_Viewer_3s_shape()
    {
        var c = Corpus.Load("cklb/TargetObjectBasic.cklb");
        c.Stigs[0].Rules[0].SeverityOverride = "high";
        c.Stigs[0].Rules[0].SeverityJustification = "exposed to the internet";
        var rule = Corpus.StableCklbWriter().ToJson(c)["stigs"]![0]!["rules"]![0]!;
        Assert.Equal(JObject.Parse("""{"severity":{"severity":"high","reason":"exposed to the internet"}}"""), rule["overrides"]);
    }

    [Fact]
    public void Reads_cklb_with_and_without_BOM_the_same()
    {
        var path = Corpus.PathOf("cklb/TargetObjectBasic.cklb");
        var withBom = Path.Combine(TestPaths.NewTempDir(), "bom.cklb");
        File.WriteAllBytes(withBom, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);
        ModelJson.Equal(ChecklistFile.Read(path), ChecklistFile.Read(withBom), "BOM");
    }

    [Fact]
    public void Golden_cklb()
    {
        Approvals.Verify(Corpus.StableCklbWriter().ToText(Corpus.Load("ckl/ResultEngineWithEvalStigModuleAndOverride.ckl")),
            "Checklists.ResultEngineWithEvalStigModuleAndOverride", "cklb");
    }
}
