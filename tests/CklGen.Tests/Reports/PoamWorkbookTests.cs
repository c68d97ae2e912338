using CklGen.Checklists;
using CklGen.Reports;
using CklGen.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CklGen.Tests.Reports;

public class PoamWorkbookTests
{
    /// <summary>The sheet's cells as text, by row number and column letter, read back with the Open XML SDK.</summary>
    internal static Dictionary<int, Dictionary<string, string>> ReadSheet(byte[] xlsx, out string sheetName)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().Single();
        sheetName = sheet.Name!.Value!;
        var ws = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
        var strings = wb.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var rows = new Dictionary<int, Dictionary<string, string>>();
        foreach (var row in ws.Worksheet.Descendants<Row>())
        {
            var cells = new Dictionary<string, string>();
            foreach (var c in row.Elements<Cell>())
            {
                var col = new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
                var v = c.CellValue?.Text ?? "";
                cells[col] = c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(v)] : v;
            }
            rows[(int)row.RowIndex!.Value] = cells;
        }
        return rows;
    }

    static byte[] Bytes(Report r)
    {
        var ms = new MemoryStream();
        PoamWorkbook.Write(r, ms);
        return ms.ToArray();
    }

    static List<Dictionary<string, string>> Items(byte[] xlsx)
    {
        var rows = ReadSheet(xlsx, out _);
        var header = rows[PoamWorkbook.HeaderRow];
        return rows.Where(kv => kv.Key > PoamWorkbook.HeaderRow)
            .OrderBy(kv => kv.Key)
            .Select(kv => header.ToDictionary(h => h.Value, h => kv.Value.GetValueOrDefault(h.Key, "")))
            .ToList();
    }

    [Fact]
    public void Workbook_has_the_eMASS_sheet_headers_in_row_7_and_is_valid_Open_XML()
    {
        var bytes = Bytes(ReportFixtures.Build());
        var rows = ReadSheet(bytes, out var name);
        Assert.Equal("POA&M", name);
        var header = rows[7];
        Assert.Equal(32, header.Count);
        Assert.Equal(PoamWorkbook.Columns, header.OrderBy(h => h.Key.Length).ThenBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Value));
        Assert.Equal(("POA&M Item ID", "Controls / APs", "Devices Affected", "Resulting Residual Risk after Proposed Mitigations"),
            (header["A"], header["C"], header["U"], header["AF"]));
        Assert.Equal("Date Exported:", rows[1]["A"]);
        Assert.Equal("03/01/2025", rows[1]["B"]);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void One_row_per_weakness_merged_across_hosts_with_evidence_severity_and_control()
    {
        var items = Items(Bytes(ReportFixtures.Build()));
        Assert.Equal(4, items.Count);
        var v629 = items.Single(r => r["Security Checks"].StartsWith("V-259629"));
        Assert.Equal("V-259629\nSV-259629r960735_rule\nEX19-ED-000001", v629["Security Checks"]);
        Assert.Equal("EDGE01\nEDGE02", v629["Devices Affected"]);
        Assert.Equal("AC-17(2)", v629["Controls / APs"]);
        Assert.Equal("Ongoing", v629["POA&M Status"]);
        Assert.Equal(("II", "Moderate"), (v629["Raw Severity"], v629["Severity"]));
        Assert.Equal("STIG: Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide V2R2", v629["Identification Source"]);
        Assert.StartsWith("Title: Exchange must use encryption for RPC client access.", v629["Control Vulnerability Description"]);
        // What failed, per host, from the finding details.
        Assert.Contains("EDGE01: Get-RpcClientAccess: EncryptionRequired = False", v629["Comments"]);
        Assert.Contains("EDGE02: EncryptionRequired = False", v629["Comments"]);
        Assert.Contains("CCIs: CCI-000068", v629["Comments"]);
        Assert.Contains("EDGE01: Ticket CHG-42", v629["Comments"]);
        foreach (var c in new[] { "POA&M Item ID", "Office/Org", "POA&M Scheduled Completion Date", "Milestone ID", "Mitigations", "Likelihood", "Residual Risk Level" })
            Assert.Equal("", v629[c]);

        var v631 = items.Single(r => r["Security Checks"].StartsWith("V-259631"));
        Assert.Equal(("I", "High"), (v631["Raw Severity"], v631["Severity"]));
        Assert.Contains("severity overridden from CAT I to CAT III", v631["Comments"]);
        var v33607 = items.Single(r => r["Security Checks"].StartsWith("V-33607"));
        Assert.Equal("", v33607["Controls / APs"]);
        Assert.Contains("IA controls (DIACAP): ECSC-1", v33607["Comments"]);
    }

    [Fact]
    public void Control_characters_from_scanned_hosts_do_not_break_the_workbook()
    {
        var sources = ReportFixtures.Sources();
        sources[0].Checklist.Stigs[0].Rules[0].FindingDetails = "bad \u0001\u0008 bytes\r\nline \uD800 two";
        var bytes = Bytes(Report.Build(sources, ReportFixtures.Ccis(), ReportFixtures.Generated));
        var v629 = Items(bytes).Single(r => r["Security Checks"].StartsWith("V-259629"));
        Assert.Contains("EDGE01: bad \uFFFD\uFFFD bytes\nline \uFFFD two", v629["Comments"]);
    }

    [Fact]
    public void Evidence_keeps_the_verdict_and_the_objects_that_failed()
    {
        const string details = """
            Open: 1 of 3 receive connector(s) not compliant.

            Receive connector "Default EX01": compliant
              MaxRecipientsPerMessage = 5000
            Receive connector "Client Frontend EX01": NOT COMPLIANT
              MaxRecipientsPerMessage = 200; expected 5000
            Receive connector "Other": compliant
              MaxRecipientsPerMessage = 5000

            Facts: Get-ReceiveConnector from facts.json
            """;
        Assert.Equal("Open: 1 of 3 receive connector(s) not compliant.\nReceive connector \"Client Frontend EX01\": NOT COMPLIANT\n  MaxRecipientsPerMessage = 200; expected 5000",
            Evidence.Summarize(details));
        Assert.Equal("", Evidence.Summarize(null));
        Assert.EndsWith("[\u2026]", Evidence.Summarize(new string('x', 900), 100));
    }

    [Fact]
    public void Report_command_writes_a_workbook_for_an_xlsx_name_and_CSV_for_a_csv_name()
    {
        var dir = TestPaths.NewTempDir();
        var a = Path.Combine(TestPaths.SharedChecklists, "ckl", "Asset_a-multi-stig.ckl");
        var xlsx = Path.Combine(dir, "poam.xlsx");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["report", a, "--format", "poam", "--out", xlsx, "--cci", TestPaths.SharedCci], new CklGen.Cli.CliContext(o, e)));
        var items = Items(File.ReadAllBytes(xlsx));
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Contains("Asset_aaaaaaaaaa", i["Devices Affected"]));
        Assert.Contains("workbook", e.ToString());

        var csv = Path.Combine(dir, "poam.csv");
        Assert.Equal(0, Cli.Cli.Run(["report", a, "--format", "poam", "--out", csv], new CklGen.Cli.CliContext(o, e)));
        var bytes = File.ReadAllBytes(csv);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("POA&M Item ID,", System.Text.Encoding.UTF8.GetString(bytes[3..]));

        var err = new StringWriter();
        Assert.Equal(2, Cli.Cli.Run(["report", a, "--format", "poam", "--out", Path.Combine(dir, "poam.txt")], new CklGen.Cli.CliContext(o, err)));
        Assert.Contains(".xlsx", err.ToString());
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(31, "AF")]
    public void Column_letters(int index, string letters) => Assert.Equal(letters, PoamWorkbook.Col(index));
}
