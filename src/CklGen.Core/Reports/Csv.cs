using System.Text;

namespace CklGen.Reports;

/// <summary>
/// RFC 4180 CSV: CRLF between records, fields quoted when they hold a comma, quote, CR or LF,
/// quotes doubled. Cells a spreadsheet would run as a formula (starting with = + - @, tab or CR)
/// get a leading apostrophe, since checklist evidence comes from scanned hosts.
/// </summary>
public static class Csv
{
    public static string Field(string? value)
    {
        var s = value ?? "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        var quote = s.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return quote ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    public static void WriteRecord(TextWriter w, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) w.Write(',');
            w.Write(Field(f));
            first = false;
        }
        w.Write("\r\n");
    }

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sb = new StringBuilder();
        using var w = new StringWriter(sb);
        WriteRecord(w, header);
        foreach (var r in rows) WriteRecord(w, r);
        return sb.ToString();
    }
}
