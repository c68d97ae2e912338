namespace CklGen.Cli;

/// <summary>A plain aligned text table for terminals; long cells are cut with an ellipsis.</summary>
public sealed class TextTable(params string[] headers)
{
    readonly List<string[]> rows = [];
    public int MaxCell { get; init; } = 90;

    public void Add(params string?[] cells) => rows.Add(cells.Select(c => Cut((c ?? "").Replace('\n', ' '))).ToArray());

    string Cut(string s) => s.Length > MaxCell ? s[..(MaxCell - 1)] + "…" : s;

    public void Write(TextWriter w)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        w.WriteLine(Line(headers, widths));
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var r in rows) w.WriteLine(Line(r, widths));
    }

    static string Line(string[] cells, int[] widths) =>
        string.Join("  ", widths.Select((wd, i) => (i < cells.Length ? cells[i] : "").PadRight(wd))).TrimEnd();
}
