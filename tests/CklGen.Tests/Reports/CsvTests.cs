using CklGen.Reports;

namespace CklGen.Tests.Reports;

public class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2,3", "\"'-2,3\"")]
    public void Quotes_fields_as_RFC_4180_says_and_defuses_formulas(string? value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Records_end_with_CRLF()
    {
        var text = Csv.Write(["a", "b"], [["1", "x,y"]]);
        Assert.Equal("a,b\r\n1,\"x,y\"\r\n", text);
    }

    [Fact]
    public void Rule_CSV_has_one_row_per_rule_per_host()
    {
        var text = CsvReport.Write(ReportFixtures.Build());
        var lines = ParseCsv(text);
        Assert.Equal(CsvReport.Columns, lines[0]);
        Assert.Equal(13, lines.Count);
        var row = lines.Single(l => l[0] == "EDGE01" && l[3] == "V-259629");
        Assert.Equal(
            ["EDGE01", "Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide", "V2R2", "V-259629",
             "SV-259629r960735_rule", "EX19-ED-000001", "CAT II", "Open", "Exchange must use encryption for RPC client access.",
             "CCI-000068", "AC-17(2)", "Get-RpcClientAccess: EncryptionRequired = False\n<script>alert(\"x\")</script>", "Ticket CHG-42, \"pending\""],
            row);
        var overridden = lines.Single(l => l[0] == "EDGE01" && l[3] == "V-259631");
        Assert.Equal("CAT III", overridden[6]);
        Assert.Equal("CCI-000366; CCI-999999", overridden[9]);
        Assert.Equal("CM-6", overridden[10]);
        Assert.Equal("'=HYPERLINK(\"x\")", overridden[11]);
        Assert.Equal("Not_Applicable", lines.Single(l => l[0] == "EDGE01" && l[3] == "V-259632")[7]);
    }

    /// <summary>A strict RFC 4180 reader, to check what we write parses back.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                if (ch == '"') { quoted = false; i++; continue; }
                sb.Append(ch); i++; continue;
            }
            if (ch == '"') { Assert.Equal(0, sb.Length); quoted = true; i++; continue; }
            if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); i++; continue; }
            if (ch == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                fields.Add(sb.ToString()); sb.Clear();
                records.Add([.. fields]); fields.Clear();
                i += 2; continue;
            }
            Assert.NotEqual('\n', ch);
            sb.Append(ch); i++;
        }
        Assert.False(quoted);
        Assert.Empty(fields);
        return records;
    }
}
