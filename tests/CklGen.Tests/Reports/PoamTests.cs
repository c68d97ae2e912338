using CklGen.Checklists;
using CklGen.Reports;

namespace CklGen.Tests.Reports;

public class PoamTests
{
    [Fact]
    public void Header_is_the_eMASS_POAM_template_column_list()
    {
        var lines = CsvTests.ParseCsv(PoamReport.Write(ReportFixtures.Build()));
        Assert.Equal(
        [
            "POA&M Item ID", "Control Vulnerability Description", "Security Control Number (NC/NA controls only)", "Office/Org",
            "Security Checks", "Resources Required", "Scheduled Completion Date", "Milestone with Completion Dates", "Milestone Changes",
            "Source Identifying Control Vulnerability", "Status", "Comments", "Raw Severity Value", "Devices Affected", "Mitigations",
            "Predisposing Conditions", "Severity", "Relevance of Threat", "Threat Description", "Likelihood", "Impact",
            "Impact Description", "Residual Risk Level", "Recommendations", "Resulting Residual Risk after Proposed Mitigations",
        ], lines[0]);
    }

    [Fact]
    public void One_row_per_open_rule_with_its_hosts_as_devices_affected()
    {
        var lines = CsvTests.ParseCsv(PoamReport.Write(ReportFixtures.Build()));
        var rows = lines.Skip(1).Select(l => lines[0].Zip(l).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(4, rows.Count);

        var v629 = rows.Single(r => r["Security Checks"].StartsWith("V-259629"));
        Assert.Equal("V-259629\nSV-259629r960735_rule\nEX19-ED-000001", v629["Security Checks"]);
        Assert.Equal("EDGE01\nEDGE02", v629["Devices Affected"]);
        Assert.Equal("AC-17(2)", v629["Security Control Number (NC/NA controls only)"]);
        Assert.Equal("STIG: Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide V2R2",
            v629["Source Identifying Control Vulnerability"]);
        Assert.Equal("Ongoing", v629["Status"]);
        Assert.Equal("II", v629["Raw Severity Value"]);
        Assert.Equal("Moderate", v629["Severity"]);
        Assert.Equal("Title: Exchange must use encryption for RPC client access.\n\nDescription:\nDiscussion of V-259629.",
            v629["Control Vulnerability Description"]);
        Assert.Equal("CCIs: CCI-000068\nEDGE01: Ticket CHG-42, \"pending\"", v629["Comments"]);
        // Decisions the site makes are left empty.
        foreach (var c in new[] { "POA&M Item ID", "Office/Org", "Scheduled Completion Date", "Mitigations", "Likelihood", "Residual Risk Level" })
            Assert.Equal("", v629[c]);
    }

    [Fact]
    public void Raw_severity_is_the_benchmark_CAT_and_an_override_is_explained()
    {
        var lines = CsvTests.ParseCsv(PoamReport.Write(ReportFixtures.Build()));
        var rows = lines.Skip(1).Select(l => lines[0].Zip(l).ToDictionary(p => p.First, p => p.Second)).ToList();
        var v631 = rows.Single(r => r["Security Checks"].StartsWith("V-259631"));
        Assert.Equal("I", v631["Raw Severity Value"]);
        Assert.Equal("High", v631["Severity"]); // still CAT I on EDGE02
        Assert.Contains("EDGE01: severity overridden from CAT I to CAT III: Mitigated by the perimeter relay.", v631["Comments"]);

        var v632 = rows.Single(r => r["Security Checks"].StartsWith("V-259632"));
        Assert.Equal(("III", "Low", "EDGE02", "CM-7"),
            (v632["Raw Severity Value"], v632["Severity"], v632["Devices Affected"], v632["Security Control Number (NC/NA controls only)"]));

        var v33607 = rows.Single(r => r["Security Checks"].StartsWith("V-33607"));
        Assert.Equal("STIG: Exchange 2010 Hub Transport Server STIG V1R12", v33607["Source Identifying Control Vulnerability"]);
        Assert.Equal("", v33607["Security Control Number (NC/NA controls only)"]);
    }

    [Fact]
    public void Long_text_is_cut_to_what_eMASS_accepts()
    {
        var sources = ReportFixtures.Sources();
        sources[0].Checklist.Stigs[0].Rules[0].Discussion = new string('x', 5000);
        var report = Report.Build(sources, null, ReportFixtures.Generated);
        var row = PoamReport.Rows(report).Single(r => r[4]!.StartsWith("V-259629"));
        Assert.True(row[1]!.Length <= PoamReport.MaxTextLength);
        Assert.EndsWith("[\u2026]", row[1]);
    }

    [Theory]
    [InlineData(Cat.I, "I", "High")]
    [InlineData(Cat.II, "II", "Moderate")]
    [InlineData(Cat.III, "III", "Low")]
    [InlineData(Cat.Unknown, "", "")]
    public void Maps_CAT_to_eMASS_values(Cat cat, string raw, string severity) =>
        Assert.Equal((raw, severity), (PoamReport.RawSeverity(cat), PoamReport.Severity(cat)));
}
