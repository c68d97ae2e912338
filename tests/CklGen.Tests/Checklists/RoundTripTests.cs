using CklGen.Checklists;

namespace CklGen.Tests.Checklists;

/// <summary>
/// Same-format and cross-format round trips over every loadable corpus file. A first write may fill in
/// values the file lacked (a required CKL element, a CKLB uuid): <see cref="ModelJson.Keeps"/> allows
/// that and nothing else; a second trip must then change nothing at all.
/// </summary>
public class RoundTripTests
{
    public static TheoryData<string> Loadable => Corpus.Data(Corpus.Loadable());

    static Checklist ViaCkl(Checklist c) => CklReader.ReadText(CklWriter.ToText(c), "written.ckl");
    static Checklist ViaCklb(Checklist c) => CklbReader.ReadText(Corpus.StableCklbWriter().ToText(c), "written.cklb");

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Ckl_write_then_read_keeps_the_model(string name)
    {
        var original = Corpus.Load(name);
        var once = ViaCkl(original);
        if (ChecklistFile.Detect(Corpus.PathOf(name)) == ChecklistFormat.Ckl) ModelJson.Keeps(original, once, name);
        ModelJson.Equal(once, ViaCkl(once), name + " (second trip)");
    }

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Cklb_write_then_read_keeps_the_model(string name)
    {
        var original = Corpus.Load(name);
        var once = ViaCklb(original);
        if (ChecklistFile.Detect(Corpus.PathOf(name)) == ChecklistFormat.Cklb)
        {
            // Every corpus CKLB carries all of STIG Viewer 3's keys but cklb_version: nothing else may change.
            var expected = Corpus.Load(name);
            expected.CklbVersion ??= "1.0";
            ModelJson.Equal(expected, once, name);
        }
        ModelJson.Equal(once, ViaCklb(once), name + " (second trip)");
    }

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Ckl_files_read_back_exactly_when_they_hold_every_required_element(string name)
    {
        if (ChecklistFile.Detect(Corpus.PathOf(name)) != ChecklistFormat.Ckl) return;
        var original = Corpus.Load(name);
        var once = ViaCkl(original);
        // TargetObjectMinimal holds <WEB_OR_DATABASE/>, which is not a boolean: the writer writes false.
        if (original.Asset.WebOrDatabase is null) original.Asset.WebOrDatabase = false;
        ModelJson.Equal(original, once, name);
    }

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Ckl_to_cklb_to_ckl_keeps_reviews_asset_and_rule_content(string name)
    {
        var original = Corpus.Load(name);
        var ckl = ViaCkl(original);
        var back = ViaCkl(ViaCklb(ckl));

        Assert.Equal(Asset(ckl.Asset), Asset(back.Asset));
        Assert.Equal(ckl.Stigs.Count, back.Stigs.Count);
        for (var i = 0; i < ckl.Stigs.Count; i++)
        {
            var (a, b) = (ckl.Stigs[i], back.Stigs[i]);
            Assert.Equal(a.Info.Where(p => p.Value is not null), b.Info.Where(p => p.Value is not null));
            Assert.Equal(a.Rules.Count, b.Rules.Count);
            for (var j = 0; j < a.Rules.Count; j++) Assert.Equal(Rule(a.Rules[j]), Rule(b.Rules[j]));
            Assert.Equal(Engine(a.ResultEngine), Engine(b.ResultEngine));
        }
        Assert.Equal(Engine(ckl.ResultEngine), Engine(back.ResultEngine));
    }

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Cklb_to_ckl_to_cklb_keeps_reviews_target_and_rule_content(string name)
    {
        var cklb = ViaCklb(Corpus.Load(name));
        var back = ViaCklb(ViaCkl(cklb));
        // CKL requires ROLE and ASSET_TYPE from a fixed list: the CKL writer fills absent ones with None and Computing.
        cklb.Asset.Role ??= "None";
        cklb.Asset.AssetType ??= "Computing";
        Assert.Equal(Asset(cklb.Asset), Asset(back.Asset));
        for (var i = 0; i < cklb.Stigs.Count; i++)
        {
            var (a, b) = (cklb.Stigs[i], back.Stigs[i]);
            Assert.Equal((a.StigId, a.Title, a.Version, a.ReleaseInfo, a.Uuid), (b.StigId, b.Title, b.Version, b.ReleaseInfo, b.Uuid));
            Assert.Equal(a.Rules.Select(Rule), b.Rules.Select(Rule));
        }
    }

    // Review, asset and content fields both formats carry; null and "" count as the same (CKL writes
    // required elements empty, CKLB keeps null).
    static string N(string? s) => s ?? "";

    static string Asset(ChecklistAsset a) => string.Join("|", N(a.Role), N(a.AssetType), N(a.Marking), N(a.HostName), N(a.HostIp),
        N(a.HostMac), N(a.HostGuid), N(a.HostFqdn), N(a.TargetComment), N(a.TechArea), N(a.TargetKey), N(a.StigGuid),
        a.WebOrDatabase == true, N(a.WebDbSite), N(a.WebDbInstance));

    static string Rule(ChecklistRule r) => string.Join("|",
        r.VulnId, N(r.Severity), N(r.GroupTitle), N(r.RuleId), N(r.StigId), N(r.RuleTitle), N(r.Discussion), N(r.IaControls),
        N(r.CheckContent), N(r.FixText), N(r.FalsePositives), N(r.FalseNegatives), N(r.Documentable), N(r.Mitigations),
        N(r.PotentialImpact), N(r.ThirdPartyTools), N(r.MitigationControl), N(r.Responsibility), N(r.SecurityOverrideGuidance),
        N(r.CheckContentRef), N(r.Weight), N(r.Class), N(r.StigRef), N(r.TargetKey), string.Join(",", r.LegacyIds), string.Join(",", r.Ccis),
        r.Status, N(r.UnrecognizedStatus), N(r.FindingDetails), N(r.Comments), N(r.SeverityOverride), N(r.SeverityJustification),
        Engine(r.ResultEngine));

    static string Engine(ResultEngine? e) => e is null ? "-" : string.Join("|", e.Version, e.Time, e.ModuleName, e.ModuleVersion,
        e.AnswerFile, e.AnswerFileModified?.ToLowerInvariant(), e.OldStatus, e.NewStatus);

    [Fact]
    public void Review_fields_with_overrides_and_awkward_text_survive_both_formats()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        var r = c.Stigs[0].Rules[0];
        r.Status = ChecklistStatus.Open;
        r.FindingDetails = "line 1\r\nline 2\n\ttabbed  ]]> <tag> & \"quoted\" -- dashes – ünïcödé 🙂\r";
        r.Comments = "  leading and trailing spaces  ";
        r.SeverityOverride = "low";
        r.SeverityJustification = "Mitigated by <firewall> & policy";
        var viaCkl = ViaCkl(c);
        var viaCklb = ViaCklb(c);
        foreach (var back in new[] { viaCkl, viaCklb, ViaCkl(viaCklb), ViaCklb(viaCkl) })
        {
            var b = back.Stigs[0].Rules[0];
            Assert.Equal(r.FindingDetails, b.FindingDetails);
            Assert.Equal(r.Comments, b.Comments);
            Assert.Equal("low", b.SeverityOverride);
            Assert.Equal(r.SeverityJustification, b.SeverityJustification);
            Assert.Equal(ChecklistStatus.Open, b.Status);
        }
    }

    [Fact]
    public void Unknown_cklb_keys_survive()
    {
        const string text = """
        {"title":"t","id":"i","active":false,"mode":1,"has_path":true,"future_root":{"a":[1,2.50,"x"]},
         "target_data":{"host_name":"h","future_target":true},
         "stigs":[{"stig_id":"S","future_stig":null,"rules":[{"group_id":"V-1","rule_id_src":"SV-1r1_rule","status":"open",
           "future_rule":"2024-01-01T00:00:00Z","overrides":{"severity":{"severity":"high","reason":"r","by":"me"},"status":{"x":1}}}]}]}
        """;
        var c = CklbReader.ReadText(text);
        Assert.Equal("""{"a":[1,2.50,"x"]}""", c.Extra["future_root"]);
        Assert.Equal("true", c.Asset.Extra["future_target"]);
        Assert.Equal("null", c.Stigs[0].Extra["future_stig"]);
        var r = c.Stigs[0].Rules[0];
        Assert.Equal("\"2024-01-01T00:00:00Z\"", r.Extra["future_rule"]);
        Assert.Equal(("high", "r"), (r.SeverityOverride, r.SeverityJustification));
        Assert.Equal("\"me\"", r.OverridesExtra["severity.by"]);
        Assert.Equal("""{"x":1}""", r.OverridesExtra["status"]);
        var once = ViaCklb(c);
        ModelJson.Keeps(c, once, "after one trip");
        ModelJson.Equal(once, ViaCklb(once), "after two trips");
        var written = Corpus.StableCklbWriter().ToText(c);
        Assert.Contains("\"by\": \"me\"", written);
        Assert.Contains("2.50", written);
    }
}
