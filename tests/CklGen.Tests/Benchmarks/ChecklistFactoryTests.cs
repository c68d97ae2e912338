using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Tests.Support;
using Newtonsoft.Json;

namespace CklGen.Tests.Benchmarks;

/// <summary>Blank checklists built from real benchmarks carry the values STIG Viewer writes.</summary>
public class ChecklistFactoryTests
{
    static readonly Benchmark Mailbox = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"));
    static readonly Benchmark Edge2010 = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml"));
    static readonly DateTimeOffset Stamp = new(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);

    static ChecklistFactoryOptions Options() => ChecklistFactoryOptions.Deterministic(7, Stamp) with
    {
        HostName = "EXMBX01",
        HostFqdn = "exmbx01.corp.example.mil",
        HostIp = "10.0.0.5",
        HostMac = "00:15:5D:01:02:03",
        Role = "Member Server",
        TechArea = "Exchange Server",
    };

    [Fact]
    public void STIG_INFO_in_STIG_Viewer_order()
    {
        var stig = ChecklistFactory.FromBenchmark(Mailbox, Options());
        Assert.Equal(
            ["version", "classification", "customname", "stigid", "description", "filename", "releaseinfo", "title", "uuid", "notice", "source"],
            stig.Info.Select(p => p.Key));
        Assert.Equal("2", stig.Version);
        Assert.Equal("UNCLASSIFIED", stig.Classification);
        Assert.Null(stig.CustomName);
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", stig.StigId);
        Assert.Equal(Mailbox.Description, stig.Description);
        Assert.Equal("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", stig.FileName);
        Assert.Equal("Release: 6 Benchmark Date: 24 Jan 2024", stig.ReleaseInfo);
        Assert.Equal("Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide", stig.Title);
        Assert.True(Guid.TryParse(stig.Uuid, out _));
        Assert.Equal("terms-of-use", stig.Notice);
        Assert.Equal("STIG.DOD.MIL", stig.Source);
        Assert.Equal("Microsoft Exchange 2016 Mailbox Server", stig.DisplayName);
        Assert.Equal("4223", stig.ReferenceIdentifier);
        Assert.Equal(64, stig.Size);
        Assert.Equal(64, stig.Rules.Count);
    }

    [Fact]
    public void Rule_V_228409_fields()
    {
        var stig = ChecklistFactory.FromBenchmark(Mailbox, Options());
        var r = stig.Rules.Single(x => x.VulnId == "V-228409");
        var src = Mailbox.FindRule("V-228409")!;

        Assert.Equal("medium", r.Severity);
        Assert.Equal("SRG-APP-000435", r.GroupTitle);
        Assert.Equal("SV-228409r879806_rule", r.RuleId);
        Assert.Equal("SV-228409", r.RuleIdBase);
        Assert.Equal("EX16-MB-000660", r.StigId);
        Assert.Equal("Exchange Internal Send connectors must use an authentication level.", r.RuleTitle);
        Assert.Equal(src.Discussion, r.Discussion);
        Assert.Equal(src.CheckContent, r.CheckContent);
        Assert.Equal(src.FixText, r.FixText);
        Assert.Equal("", r.IaControls);
        Assert.Equal("", r.FalsePositives);
        Assert.Equal("", r.FalseNegatives);
        Assert.Equal("false", r.Documentable);
        Assert.Equal("", r.Mitigations);
        Assert.Equal("", r.PotentialImpact);
        Assert.Equal("", r.ThirdPartyTools);
        Assert.Equal("", r.MitigationControl);
        Assert.Equal("", r.Responsibility);
        Assert.Equal("", r.SecurityOverrideGuidance);
        Assert.Equal("M", r.CheckContentRef);
        Assert.Equal("U_MS_Exchange_2016_Mailbox_Server_V2R5_Manual_STIG.xml", r.CheckContentRefHref);
        Assert.Equal("10.0", r.Weight);
        Assert.Equal("Unclass", r.Class);
        Assert.Equal("Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide :: Version 2, Release: 6 Benchmark Date: 24 Jan 2024", r.StigRef);
        Assert.Equal("4223", r.TargetKey);
        Assert.Equal(stig.Uuid, r.StigUuid);
        Assert.Equal(["SV-95461", "V-80751"], r.LegacyIds);
        Assert.Equal(["CCI-002385"], r.Ccis);
        Assert.True(Guid.TryParse(r.Uuid, out _));
        Assert.Equal("""[{"id":"V-228409","title":"SRG-APP-000435","description":"<GroupDescription></GroupDescription>"}]""", r.GroupTree);
        Assert.Equal("2025-03-04T05:06:07.089Z", r.CreatedAt);
        Assert.Equal("2025-03-04T05:06:07.089Z", r.UpdatedAt);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Equal("", r.FindingDetails);
        Assert.Equal("", r.Comments);
        Assert.Equal("", r.SeverityOverride);
        Assert.Equal("", r.SeverityJustification);
    }

    [Fact]
    public void A_2010_rule_keeps_its_IA_control_and_has_no_CCIs()
    {
        var r = ChecklistFactory.FromBenchmark(Edge2010, Options()).Rules.Single(x => x.VulnId == "V-33565");
        Assert.Equal("ECSC-1", r.IaControls);
        Assert.Empty(r.Ccis);
        Assert.Empty(r.LegacyIds);
        Assert.Equal("MS Exchange 2010 Edge Transport Server STIG :: Version 1, Release: 15 Benchmark Date: 26 Apr 2019", r.StigRef);
    }

    [Fact]
    public void Every_rule_is_not_reviewed_with_its_own_uuid()
    {
        var stig = ChecklistFactory.FromBenchmark(Mailbox, Options());
        Assert.All(stig.Rules, r => Assert.Equal(ChecklistStatus.NotReviewed, r.Status));
        Assert.Equal(stig.Rules.Count, stig.Rules.Select(r => r.Uuid).Distinct().Count());
        Assert.DoesNotContain(stig.Uuid, stig.Rules.Select(r => r.Uuid));
        Assert.Equal(Mailbox.Rules.Select(r => r.VulnId), stig.Rules.Select(r => r.VulnId));
    }

    [Fact]
    public void Blank_checklist_asset_and_CKLB_fields()
    {
        var c = ChecklistFactory.Blank([Mailbox, Edge2010], Options());

        Assert.Equal("Member Server", c.Asset.Role);
        Assert.Equal("Computing", c.Asset.AssetType);
        Assert.Equal("EXMBX01", c.Asset.HostName);
        Assert.Equal("10.0.0.5", c.Asset.HostIp);
        Assert.Equal("00:15:5D:01:02:03", c.Asset.HostMac);
        Assert.Equal("exmbx01.corp.example.mil", c.Asset.HostFqdn);
        Assert.Equal("Exchange Server", c.Asset.TechArea);
        Assert.Equal("4223", c.Asset.TargetKey);
        Assert.False(c.Asset.WebOrDatabase);
        Assert.Equal("", c.Asset.WebDbSite);
        Assert.Equal("", c.Asset.WebDbInstance);
        Assert.Null(c.Asset.Marking);

        Assert.Equal("EXMBX01_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Exchange_2010_Edge_Transport_Server_STIG_V1R15", c.Title);
        Assert.True(Guid.TryParse(c.Id, out _));
        Assert.False(c.Active);
        Assert.Equal(1, c.Mode);
        Assert.True(c.HasPath);
        Assert.Equal("1.0", c.CklbVersion);
        Assert.Equal(["MS_Exchange_2016_Mailbox_Server_STIG", "Exchange_2010_Edge_Transport_Server_STIG"], c.Stigs.Select(s => s.StigId));
        Assert.Equal(64 + 57, c.AllRules().Count());
        var uuids = new[] { c.Id }.Concat(c.Stigs.Select(s => s.Uuid)).Concat(c.AllRules().Select(x => x.Rule.Uuid)).ToList();
        Assert.Equal(uuids.Count, uuids.Distinct().Count());
    }

    [Fact]
    public void Default_options_follow_STIG_Viewer_defaults()
    {
        var c = ChecklistFactory.Blank([Mailbox], new ChecklistFactoryOptions { HostName = "H" });
        Assert.Equal("None", c.Asset.Role);
        Assert.Equal("Computing", c.Asset.AssetType);
        Assert.Equal("", c.Asset.TechArea);
        var again = ChecklistFactory.Blank([Mailbox], new ChecklistFactoryOptions { HostName = "H" });
        Assert.NotEqual(c.Stigs[0].Uuid, again.Stigs[0].Uuid);
    }

    [Fact]
    public void Deterministic_options_give_the_same_checklist_every_time()
    {
        static string Dump() => JsonConvert.SerializeObject(ChecklistFactory.Blank([Mailbox], ChecklistFactoryOptions.Deterministic(42)));
        var first = Dump();
        Assert.Equal(first, Dump());
        Assert.Contains("\"CreatedAt\":\"2024-01-01T00:00:00.000Z\"", first);
        Assert.NotEqual(first, JsonConvert.SerializeObject(ChecklistFactory.Blank([Mailbox], ChecklistFactoryOptions.Deterministic(43))));
    }

    [Fact]
    public void Seeded_guids_are_version_4_and_stable_across_runs()
    {
        var next = ChecklistFactoryOptions.SeededGuids(1);
        var a = next();
        Assert.Equal('4', a.ToString()[14]);
        Assert.Contains(a.ToString()[19], "89ab");
        Assert.NotEqual(a, next());
        Assert.Equal(a, ChecklistFactoryOptions.SeededGuids(1)());
    }

    [Fact]
    public void The_same_STIG_twice_is_refused()
    {
        var e = Assert.Throws<InputException>(() => ChecklistFactory.Blank([Mailbox, Mailbox], Options()));
        Assert.Contains("MS_Exchange_2016_Mailbox_Server_STIG", e.Message);
        Assert.Throws<ArgumentException>(() => ChecklistFactory.Blank([], Options()));
    }

    [Theory]
    [InlineData("Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide", "Microsoft Exchange 2019 Edge Server")]
    [InlineData("MS Exchange 2010 Edge Transport Server STIG", "MS Exchange 2010 Edge Transport Server STIG")]
    [InlineData("Security Technical Implementation Guide", "Security Technical Implementation Guide")]
    public void DisplayName(string title, string expected) => Assert.Equal(expected, ChecklistFactory.DisplayName(title));

    [Fact]
    public void Golden_blank_stig_for_V_228409()
    {
        var stig = ChecklistFactory.FromBenchmark(Mailbox, ChecklistFactoryOptions.Deterministic(1));
        var sample = new
        {
            stig.Info,
            stig.DisplayName,
            stig.ReferenceIdentifier,
            stig.Size,
            Rule = stig.Rules.Single(r => r.VulnId == "V-228409"),
        };
        Approvals.Verify(JsonConvert.SerializeObject(sample, Formatting.Indented), "Benchmarks.BlankStig.V-228409", "json");
    }
}
