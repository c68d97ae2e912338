using CklGen.Checklists;
using CklGen.Reports;

namespace CklGen.Tests.Reports;

public class ReportModelTests
{
    [Fact]
    public void Counts_by_status_and_CAT_per_host_and_STIG()
    {
        var r = ReportFixtures.Build();
        Assert.Equal(["EDGE01", "EDGE02"], r.Hosts);
        Assert.Equal(3, r.Sections.Count);

        var edge01 = r.Sections[0].Counts;
        Assert.Equal((2, 1, 1, 1, 5), (edge01.Open, edge01.NotAFinding, edge01.NotApplicable, edge01.NotReviewed, edge01.Total));
        // V-259631 is high but overridden to low: it counts as CAT III, not CAT I.
        Assert.Equal(0, edge01[ChecklistStatus.Open, Cat.I]);
        Assert.Equal(1, edge01[ChecklistStatus.Open, Cat.II]);
        Assert.Equal(1, edge01[ChecklistStatus.Open, Cat.III]);

        var hub = r.Sections.Single(s => s.BenchmarkTitle.Contains("2010"));
        Assert.Equal(("EDGE02", "V1R12"), (hub.Host, hub.VersionLabel));
        Assert.Equal((1, 1, 2), (hub.Counts.Open, hub.Counts.NotAFinding, hub.Counts.Total));
    }

    [Fact]
    public void Totals_add_up_across_hosts()
    {
        var t = ReportFixtures.Build().Totals;
        Assert.Equal((6, 4, 1, 1, 12), (t.Open, t.NotAFinding, t.NotApplicable, t.NotReviewed, t.Total));
        Assert.Equal(1, t[ChecklistStatus.Open, Cat.I]);   // V-259631 on EDGE02, not overridden there
        Assert.Equal(3, t[ChecklistStatus.Open, Cat.II]);
        Assert.Equal(2, t[ChecklistStatus.Open, Cat.III]);
    }

    [Fact]
    public void Open_findings_are_grouped_across_hosts_most_severe_first()
    {
        var open = ReportFixtures.Build().OpenFindings;
        Assert.Equal(["V-259631", "V-33607", "V-259629", "V-259632"], open.Select(f => f.VulnId));
        var v631 = open[0];
        Assert.Equal(["EDGE01", "EDGE02"], v631.Hosts);
        Assert.Equal(Cat.I, v631.Cat);          // EDGE02 keeps the benchmark's CAT I
        Assert.Equal(Cat.I, v631.OriginalCat);
        Assert.True(v631.Rows[0].SeverityOverridden);
        Assert.Equal("Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide V2R2", v631.BenchmarkLabel);
    }

    [Fact]
    public void Rolls_up_by_NIST_control_through_CCIs_and_by_DIACAP_control_for_2010_STIGs()
    {
        var r = ReportFixtures.Build();
        var ac17 = r.Rollup.Single(l => l.Name == "AC-17(2)");
        Assert.Equal(RollupKind.NistControl, ac17.Kind);
        Assert.Equal(["CCI-000068"], ac17.Ccis);
        Assert.Equal([5], ac17.Revisions);
        Assert.Equal(2, ac17.Counts.Open);
        Assert.Equal(["V-259629"], ac17.OpenVulnIds);

        var cm7 = r.Rollup.Single(l => l.Name == "CM-7");
        Assert.Equal([4], cm7.Revisions);

        var au12 = r.Rollup.Single(l => l.Name == "AU-12");
        Assert.Equal((0, 3, 1), (au12.Counts.Open, au12.Counts.NotAFinding, au12.Counts.NotReviewed));

        // A CCI the list does not know stays a CCI line.
        Assert.Equal(RollupKind.Cci, r.Rollup.Single(l => l.Name == "CCI-999999").Kind);

        var ecsc = r.Rollup.Single(l => l.Name == "ECSC-1");
        Assert.Equal(RollupKind.Diacap, ecsc.Kind);
        Assert.Equal((1, 1), (ecsc.Counts.Open, ecsc.Counts.NotAFinding));
        Assert.Contains(r.Notes, n => n.Contains("DIACAP") && n.Contains("Exchange 2010 Hub Transport Server STIG V1R12"));
        Assert.Contains(r.Notes, n => n.Contains("CCI-999999"));

        // NIST lines first, in control order.
        Assert.Equal(["AC-17(2)", "AU-12", "CM-6", "CM-7"], r.Rollup.Where(l => l.Kind == RollupKind.NistControl).Select(l => l.Name));
    }

    [Fact]
    public void Without_a_CCI_list_rules_roll_up_by_CCI_and_the_report_says_so()
    {
        var r = ReportFixtures.Build(withCci: false);
        Assert.DoesNotContain(r.Rollup, l => l.Kind == RollupKind.NistControl);
        Assert.Contains(r.Rollup, l => l.Kind == RollupKind.Cci && l.Name == "CCI-000068");
        Assert.Contains(r.Notes, n => n.Contains("--cci"));
        Assert.All(r.Rows, row => Assert.Empty(row.Controls));
    }

    [Theory]
    [InlineData("2", "Release: 5 Benchmark Date: 27 Jan 2022", "V2R5")]
    [InlineData("1", null, "V1")]
    [InlineData(null, "Release: 3 Benchmark Date: x", "R3")]
    [InlineData(null, null, "")]
    public void Labels_versions_like_file_names(string? version, string? release, string label) =>
        Assert.Equal(label, Report.VersionLabel(version, release));

    [Fact]
    public void A_checklist_without_host_name_is_named_after_its_file()
    {
        var r = Report.Build([new ReportSource("/x/Asset_a-VPN.ckl", new Checklist())], null, ReportFixtures.Generated);
        Assert.Equal(["Asset_a-VPN"], r.Sources.Select(Report.HostName));
        Assert.Empty(r.Sections);
    }
}
