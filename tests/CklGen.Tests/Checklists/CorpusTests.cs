using CklGen.Checklists;

namespace CklGen.Tests.Checklists;

/// <summary>Every corpus checklist loads, or is one of the files broken on purpose and is refused with a clear message.</summary>
public class CorpusTests
{
    public static TheoryData<string> Loadable => Corpus.Data(Corpus.Loadable());
    public static TheoryData<string> Broken => Corpus.Data(Corpus.Broken.Keys);

    [Fact]
    public void The_corpus_is_where_the_tests_expect_it()
    {
        var all = Corpus.All().ToList();
        Assert.True(all.Count >= 70, $"only {all.Count} corpus files found under {Corpus.CklDir} and {Corpus.CklbDir}");
        foreach (var name in Corpus.Broken.Keys.Concat(Corpus.RefusedByDefault.Keys)) Assert.Contains(name, all);
    }

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Loads(string name)
    {
        var c = Corpus.Load(name);
        Assert.False(string.IsNullOrWhiteSpace(c.Asset.HostName));
        Assert.NotEmpty(c.Stigs);
        Assert.All(c.Stigs, s => Assert.False(string.IsNullOrWhiteSpace(s.StigId)));
        Assert.True(c.AllRules().Any(), "no rules read");
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_files_are_refused_naming_file_and_element(string name)
    {
        var path = Corpus.PathOf(name);
        var e = Assert.Throws<InputException>(() => ChecklistFile.Read(path, keepUnrecognizedStatus: true));
        Assert.Contains(Corpus.Broken[name], e.Message);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(path, e.File);
        // Syntax errors name a line instead of an element.
        if (!e.Message.Contains("not well-formed")) Assert.NotNull(e.Field);
    }

    [Fact]
    public void An_empty_status_loads_for_validation_but_is_refused_by_default()
    {
        foreach (var (name, fragment) in Corpus.RefusedByDefault)
        {
            var c = Corpus.Load(name);
            Assert.Contains(c.AllRules(), x => x.Rule.UnrecognizedStatus is not null);
            var e = Assert.Throws<InputException>(() => ChecklistFile.Read(Corpus.PathOf(name)));
            Assert.Contains(fragment, e.Message);
        }
        foreach (var name in Corpus.Loadable().Where(n => !Corpus.RefusedByDefault.ContainsKey(n)))
            Assert.All(ChecklistFile.Read(Corpus.PathOf(name)).AllRules(), x => Assert.Null(x.Rule.UnrecognizedStatus));
    }

    [Fact]
    public void Tab_indented_BOM_CRLF_Evaluate_STIG_file_reads_its_reviews()
    {
        var c = Corpus.Load("ckl/CA1294WK16078_Chrome_V2R8_20231211-125631.ckl");
        Assert.Equal("CA1294WK16078", c.Asset.HostName);
        var stig = Assert.Single(c.Stigs);
        Assert.Equal("Google_Chrome_Current_Windows", stig.StigId);
        Assert.Equal(43, stig.Rules.Count);
        var rule = stig.Rules.First(r => r.VulnId == "V-221584");
        Assert.Equal(ChecklistStatus.NotAFinding, rule.Status);
        // Line ends inside text are normalised to \n by the XML parser.
        Assert.DoesNotContain("\r", string.Concat(stig.Rules.Select(r => r.FindingDetails)));
    }

    [Fact]
    public void Entities_are_decoded()
    {
        var c = Corpus.Load("ckl/html-decode.ckl");
        var rule = c.AllRules().Single().Rule;
        Assert.Equal("& < > \" ' & < & < > \" ' A . % , ~", rule.FindingDetails);
        Assert.Equal(ChecklistStatus.Open, rule.Status);
    }

    [Fact]
    public void Absent_and_empty_elements_stay_apart()
    {
        var c = Corpus.Load("ckl/ResultEngineWithEvalStigModuleAndOverride.ckl");
        Assert.Null(c.Asset.Marking);     // no MARKING element
        Assert.Null(c.Asset.HostGuid);
        Assert.NotNull(c.Asset.TargetComment);
        var minimal = Corpus.Load("ckl/TargetObjectMinimal.ckl");
        Assert.Equal("", minimal.Asset.Role);   // <ROLE/>
        Assert.Equal("", minimal.Asset.Marking); // <MARKING></MARKING>
        Assert.Null(minimal.Asset.WebOrDatabase); // <WEB_OR_DATABASE/>
    }

    [Fact]
    public void Missing_releaseinfo_and_rule_id_values_load()
    {
        var noRelease = Corpus.Load("ckl/no-releaseinfo-SID_DATA-element.ckl").Stigs[0];
        Assert.Contains(noRelease.Info, p => p.Key == "releaseinfo" && p.Value is null);
        var noRuleId = Corpus.Load("ckl/No-RuleId-Value.ckl").AllRules().Single().Rule;
        Assert.Equal("", noRuleId.RuleId);
    }

    [Fact]
    public void Cklb_fields_map_to_the_model()
    {
        var c = Corpus.Load("cklb/SingleResultEngineModule.cklb");
        Assert.Equal("Evaluate-STIG_COMBINED", c.Title);
        Assert.Equal("1.0", c.CklbVersion);
        var stig = c.Stigs[0];
        Assert.Equal("Google_Chrome_Current_Windows", stig.StigId);
        Assert.Equal("Google Chrome Current Windows Security Technical Implementation Guide", stig.Title);
        Assert.Equal("Google Chrome Current Windows", stig.DisplayName);
        Assert.Equal("Release: 8 Benchmark Date: 26 Jan 2023", stig.ReleaseInfo);
        Assert.Equal(12, stig.Size);
        var r = stig.Rules[0];
        Assert.Equal("V-221558", r.VulnId);
        Assert.Equal("SV-221558r769351_rule", r.RuleId);
        Assert.Equal("SV-221558r769351", r.CklbRuleId);
        Assert.Equal("DTBC-0001", r.StigId);
        Assert.Equal(["SV-57545", "V-44711"], r.LegacyIds);
        Assert.Equal(["CCI-001414"], r.Ccis);
        Assert.Equal("M", r.CheckContentRef);
        Assert.Equal("Google_Chrome_Current_Windows_STIG.xml", r.CheckContentRefHref);
        Assert.Equal("null", r.TargetKey); // the file holds the string "null"
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Equal("test", r.FindingDetails);
        Assert.Contains("SRG-APP-000039", r.GroupTree);
    }

    [Fact]
    public void Cklb_statuses_map()
    {
        var rules = Corpus.Load("cklb/all-possible-results.cklb").AllRules().Select(x => x.Rule.Status).ToHashSet();
        Assert.Equal([ChecklistStatus.NotReviewed, ChecklistStatus.Open, ChecklistStatus.NotAFinding, ChecklistStatus.NotApplicable], rules.Order());
        var ckl = Corpus.Load("ckl/Asset_a-multi-stig.ckl").AllRules().Select(x => x.Rule.Status).ToHashSet();
        Assert.Equal(rules.Order(), ckl.Order());
    }
}
