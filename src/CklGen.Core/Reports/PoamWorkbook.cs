using System.Globalization;
using System.Text;
using CklGen.Checklists;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CklGen.Reports;

/// <summary>
/// The POA&amp;M as eMASS's POA&amp;M import workbook (.xlsx, written with the Open XML SDK): one sheet
/// "POA&amp;M" with the system block in rows 1-6, the template's column headers in row 7 and one row per
/// weakness from row 8: an open rule merged across the hosts it is open on (Devices Affected), with the
/// evidence per host, severity and the rule's NIST control. The site's decisions (office, dates,
/// milestones, mitigations, risk analysis) are left empty for the ISSO.
/// </summary>
public static class PoamWorkbook
{
    public const string SheetName = "POA&M";
    /// <summary>Row (1-based) of the column headers, as in eMASS's template.</summary>
    public const int HeaderRow = 7;

    /// <summary>eMASS's current POA&amp;M template columns, in order (A..AF).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "POA&M Item ID",
        "Control Vulnerability Description",
        "Controls / APs",
        "Security Checks",
        "POA&M Status",
        "POA&M Scheduled Completion Date",
        "POA&M Requested Risk Accepted Expiration Date",
        "POA&M Completion Date",
        "Milestone ID",
        "Milestone Description",
        "Milestone Status",
        "Milestone Status Comments",
        "Milestone Scheduled Completion Date",
        "Milestone Completion Date",
        "Identification Source",
        "Identification Source Details",
        "Office/Org",
        "Resources Required",
        "Comments",
        "Raw Severity",
        "Devices Affected",
        "Mitigations",
        "Predisposing Conditions",
        "Severity",
        "Relevance of Threat",
        "Threat Description",
        "Likelihood",
        "Impact",
        "Impact Description",
        "Residual Risk Level",
        "Recommendations",
        "Resulting Residual Risk after Proposed Mitigations",
    ];

    /// <summary>The cells of each POA&amp;M row, by column name (absent: empty).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(Report report) =>
        report.OpenFindings.Select(f => (IReadOnlyDictionary<string, string>)Row(report, f)).ToList();

    static Dictionary<string, string> Row(Report report, OpenFinding f)
    {
        var controls = f.Controls;
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Control Vulnerability Description"] = Limit(Description(f)),
            ["Controls / APs"] = controls.Count > 0 ? controls[0] : "",
            ["Security Checks"] = string.Join("\n", new[] { f.VulnId, f.RuleId, f.StigId }.Where(s => s.Length > 0)),
            ["POA&M Status"] = "Ongoing",
            ["Identification Source"] = "STIG: " + f.BenchmarkLabel,
            ["Identification Source Details"] = SourceDetails(f),
            ["Comments"] = Limit(Comments(f, controls)),
            ["Raw Severity"] = PoamReport.RawSeverity(f.OriginalCat),
            ["Devices Affected"] = string.Join("\n", f.Hosts),
            ["Severity"] = PoamReport.Severity(f.Cat),
        };
        return row;
    }

    static string Description(OpenFinding f)
    {
        var sb = new StringBuilder("Title: ").Append(f.Title);
        var discussion = f.Rule.Discussion?.Trim();
        if (!string.IsNullOrEmpty(discussion)) sb.Append("\n\nDescription:\n").Append(discussion);
        return sb.ToString();
    }

    static string SourceDetails(OpenFinding f)
    {
        var release = f.Rows[0].Section.ReleaseInfo?.Trim();
        var files = f.Rows.Select(r => Path.GetFileName(r.Section.SourcePath)).Distinct(StringComparer.Ordinal).ToList();
        var s = $"{f.BenchmarkTitle} {f.VersionLabel}".Trim();
        if (!string.IsNullOrEmpty(release)) s += " (" + release + ")";
        s += "; checklists: " + string.Join(", ", files);
        return Limit(s);
    }

    /// <summary>Evidence per host first (what failed, on which object), then CCIs, further controls, overrides and reviewer comments.</summary>
    static string Comments(OpenFinding f, IReadOnlyList<string> controls)
    {
        var parts = new List<string>();
        var perHost = Math.Max(160, PoamReport.MaxTextLength / 2 / Math.Max(1, f.Rows.Count));
        var evidence = f.Rows
            .Select(r => (r.Host, Text: Evidence.Summarize(r.Rule.FindingDetails, perHost)))
            .Where(e => e.Text.Length > 0)
            .Select(e => $"{e.Host}: {e.Text}")
            .ToList();
        if (evidence.Count > 0) parts.Add("Evidence:\n" + string.Join("\n", evidence));
        if (f.Ccis.Count > 0) parts.Add("CCIs: " + string.Join(", ", f.Ccis));
        if (controls.Count > 1) parts.Add("Also maps to: " + string.Join(", ", controls.Skip(1)));
        if (f.Ccis.Count == 0 && !string.IsNullOrWhiteSpace(f.Rule.IaControls)) parts.Add("IA controls (DIACAP): " + f.Rule.IaControls!.Trim());
        var notes = new List<string>();
        foreach (var r in f.Rows)
        {
            if (r.SeverityOverridden)
            {
                var why = r.Rule.SeverityJustification?.Trim();
                notes.Add($"{r.Host}: severity overridden from {r.OriginalCat.Label()} to {r.Cat.Label()}" + (string.IsNullOrEmpty(why) ? "" : ": " + why));
            }
            var c = r.Rule.Comments?.Trim();
            if (!string.IsNullOrEmpty(c)) notes.Add($"{r.Host}: {c}");
        }
        if (notes.Count > 0) parts.Add(string.Join("\n", notes));
        return string.Join("\n\n", parts);
    }

    static string Limit(string s) => Evidence.Cut(s, PoamReport.MaxTextLength);

    /// <summary>Writes the workbook to a stream.</summary>
    public static void Write(Report report, Stream output)
    {
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Creator = $"{CklGenInfo.Product} {CklGenInfo.Version}";
            doc.PackageProperties.Title = "POA&M";
            doc.PackageProperties.Created = report.GeneratedAt.UtcDateTime;
            var wbPart = doc.AddWorkbookPart();
            wbPart.Workbook = new Workbook();
            var styles = wbPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var strings = new SharedStrings(wbPart.AddNewPart<SharedStringTablePart>());
            var wsPart = wbPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();

            var block = new (string Label, string Value)[]
            {
                ("Date Exported:", report.GeneratedAt.ToUniversalTime().ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)),
                ("Exported By:", $"{CklGenInfo.Product} {CklGenInfo.Version}"),
                ("DoD Component:", ""),
                ("System / Project Name:", ""),
                ("DoD IT Registration No:", ""),
                ("System Type:", ""),
            };
            for (var i = 0; i < block.Length; i++)
            {
                var r = new Row { RowIndex = (uint)(i + 1) };
                r.Append(strings.Cell(Ref(0, i + 1), block[i].Label, StyleBold));
                if (block[i].Value.Length > 0) r.Append(strings.Cell(Ref(1, i + 1), block[i].Value, StylePlain));
                data.Append(r);
            }
            var header = new Row { RowIndex = HeaderRow };
            for (var c = 0; c < Columns.Count; c++) header.Append(strings.Cell(Ref(c, HeaderRow), Columns[c], StyleHeader));
            data.Append(header);
            var rowIndex = HeaderRow;
            foreach (var cells in Rows(report))
            {
                rowIndex++;
                var r = new Row { RowIndex = (uint)rowIndex };
                for (var c = 0; c < Columns.Count; c++)
                    if (cells.TryGetValue(Columns[c], out var v) && v.Length > 0) r.Append(strings.Cell(Ref(c, rowIndex), v, StyleWrap));
                data.Append(r);
            }

            var columns = new DocumentFormat.OpenXml.Spreadsheet.Columns();
            for (var c = 0; c < Columns.Count; c++)
                columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Width(Columns[c]), CustomWidth = true });
            var views = new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = HeaderRow,
                TopLeftCell = Ref(0, HeaderRow + 1),
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 });
            var ws = new Worksheet(views, new SheetFormatProperties { DefaultRowHeight = 15 }, columns, data);
            ws.Append(new AutoFilter { Reference = $"{Ref(0, HeaderRow)}:{Ref(Columns.Count - 1, Math.Max(rowIndex, HeaderRow))}" });
            wsPart.Worksheet = ws;

            wbPart.Workbook.Append(new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = wbPart.GetIdOfPart(wsPart) }));
            wbPart.Workbook.Append(new DefinedNames(new DefinedName($"'{SheetName}'!${Col(0)}${HeaderRow}:${Col(Columns.Count - 1)}${Math.Max(rowIndex, HeaderRow)}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }));
            strings.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    static double Width(string column) => column switch
    {
        "Control Vulnerability Description" or "Comments" => 70,
        "Security Checks" or "Devices Affected" or "Identification Source" or "Identification Source Details" => 32,
        "Controls / APs" or "POA&M Status" or "Raw Severity" or "Severity" => 14,
        _ => 18,
    };

    const uint StylePlain = 0, StyleBold = 1, StyleHeader = 2, StyleWrap = 3;

    static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
                { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }) { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>"A", "B", .. "AF" for a 0-based column.</summary>
    public static string Col(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    static string Ref(int col, int row) => Col(col) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text a cell may hold: XML 1.0 characters only (checklist text comes from scanned hosts), at most Excel's 32,767.</summary>
    public static string CellText(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
            if (char.IsSurrogate(c)) { sb.Append('\uFFFD'); continue; }
            if (c is '\t' or '\n' || c >= ' ' && c != '\uFFFE' && c != '\uFFFF') sb.Append(c);
            else if (c == '\r') { if (i + 1 >= s.Length || s[i + 1] != '\n') sb.Append('\n'); }
            else sb.Append('\uFFFD');
        }
        return sb.Length <= 32767 ? sb.ToString() : sb.ToString(0, 32767);
    }

    /// <summary>The shared string table: each distinct text stored once.</summary>
    sealed class SharedStrings(SharedStringTablePart part)
    {
        readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        readonly SharedStringTable table = new();

        public Cell Cell(string reference, string text, uint style)
        {
            text = CellText(text);
            if (!index.TryGetValue(text, out var i))
            {
                i = index.Count;
                index[text] = i;
                table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, StyleIndex = style, CellValue = new CellValue(i) };
        }

        public void Save()
        {
            table.Count = (uint)index.Count;
            table.UniqueCount = (uint)index.Count;
            part.SharedStringTable = table;
        }
    }
}
