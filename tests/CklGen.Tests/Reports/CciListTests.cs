using CklGen.Reports;
using CklGen.Tests.Support;

namespace CklGen.Tests.Reports;

public class CciListTests
{
    static readonly Lazy<CciList> Shared = new(() => CciList.Load(TestPaths.SharedCci));

    [Fact]
    public void Loads_DISA_list_with_its_metadata()
    {
        var list = Shared.Value;
        Assert.Equal("2023-06-07", list.Version);
        Assert.Equal(5098, list.Count);
    }

    [Fact]
    public void CCI_000068_maps_to_AC_17_2_in_rev_5()
    {
        var item = Shared.Value.Find("CCI-000068")!;
        Assert.Equal("Implement cryptographic mechanisms to protect the confidentiality of remote access sessions.", item.Definition);
        var c = Assert.Single(item.Controls);
        Assert.Equal(new CciControl("AC-17(2)", "AC-17 (2)", 5), c);
        Assert.Contains(item.References, r => r.Title == "NIST SP 800-53A" && r.Index == "AC-17 (2).1");
    }

    [Fact]
    public void Rev_5_is_preferred_and_the_index_is_kept_for_display()
    {
        // CCI-000003: rev 5 "AC-1 c 1", rev 4 "AC-1 b 1".
        var c = Assert.Single(Shared.Value.ControlsFor("CCI-000003"));
        Assert.Equal(("AC-1", "AC-1 c 1", 5), (c.Control, c.Index, c.Revision));
    }

    [Fact]
    public void Falls_back_to_rev_4_when_a_CCI_has_no_rev_5_reference()
    {
        // CCI-000001 has rev 4 "AC-1 a 1", 800-53A and rev 3 references only.
        var c = Assert.Single(Shared.Value.ControlsFor("CCI-000001"));
        Assert.Equal(("AC-1", "AC-1 a 1", 4), (c.Control, c.Index, c.Revision));
    }

    [Fact]
    public void Finds_CCIs_written_loosely_and_returns_nothing_for_unknown_ones()
    {
        Assert.Equal("CCI-000068", Shared.Value.Find("cci-68")!.Id);
        Assert.Null(Shared.Value.Find("CCI-999999"));
        Assert.Empty(Shared.Value.ControlsFor("not a cci"));
    }

    [Theory]
    [InlineData("AC-17 (2)", "AC-17(2)")]
    [InlineData("AC-2 (4) (a)", "AC-2(4)")]
    [InlineData("AC-1 a 1 (a)", "AC-1")]
    [InlineData("AC-2 a", "AC-2")]
    [InlineData("SC-13", "SC-13")]
    [InlineData("SC-08 (01)", "SC-8(1)")]
    [InlineData("AC-17 (2).1", "AC-17(2)")]
    [InlineData("not a control", null)]
    public void Normalizes_800_53_indexes_to_controls(string index, string? control) =>
        Assert.Equal(control, NistControls.Normalize(index));

    [Fact]
    public void Orders_controls_by_family_number_and_enhancement()
    {
        var sorted = new[] { "AC-17", "AC-2(4)", "AC-2", "AU-12", "AC-2(12)" }.Order(NistControls.Comparer);
        Assert.Equal(["AC-2", "AC-2(4)", "AC-2(12)", "AC-17", "AU-12"], sorted);
    }

    [Fact]
    public void A_benchmark_is_refused_as_not_a_CCI_list()
    {
        var path = TestPaths.Benchmark("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
        var e = Assert.Throws<InputException>(() => CciList.Load(path));
        Assert.Contains("not a DISA CCI list", e.Message);
        Assert.Contains("Benchmark", e.Message);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void A_missing_file_is_an_input_error() =>
        Assert.Throws<InputException>(() => CciList.Load(Path.Combine(TestPaths.NewTempDir(), "U_CCI_List.xml")));

    [Fact]
    public void An_empty_cci_list_is_refused()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "empty.xml");
        File.WriteAllText(path, "<cci_list xmlns=\"http://iase.disa.mil/cci\"><cci_items/></cci_list>");
        var e = Assert.Throws<InputException>(() => CciList.Load(path));
        Assert.Contains("no cci_item", e.Message);
    }
}
