using System.Text;

namespace CklGen.Diff;

public enum DiffOp { Equal, Delete, Insert }

/// <summary>
/// One piece of a word diff. Equal pieces carry both sides' text because whitespace is compared
/// loosely (any run equals any run): concatenating Old over all pieces gives the old text, New the new.
/// </summary>
public sealed record DiffSegment(DiffOp Op, string Old, string New)
{
    /// <summary>The text to show: New for Equal and Insert, Old for Delete.</summary>
    public string Text => Op == DiffOp.Delete ? Old : New;
}

/// <summary>
/// Word-level diff: texts are split into words and whitespace runs and compared by longest common
/// subsequence. Whitespace runs all count as equal, so re-wrapped text is not a change. Long texts
/// are paired line by line first, then word by word within changed lines.
/// </summary>
public static class WordDiff
{
    /// <summary>Above this many cells (tokens old x new, after trimming common ends) words are not compared directly.</summary>
    const long MaxTableCells = 4_000_000;

    public static IReadOnlyList<DiffSegment> Compute(string? oldText, string? newText) =>
        Coalesce(Compute(oldText ?? "", newText ?? "", byLines: true));

    static List<DiffSegment> Compute(string oldText, string newText, bool byLines)
    {
        var a = Tokenize(oldText);
        var b = Tokenize(newText);
        var (pre, suf) = CommonEnds(a, b, Same);
        if ((long)(a.Count - pre - suf) * (b.Count - pre - suf) > MaxTableCells)
            return byLines ? ByLines(oldText, newText) : [new(DiffOp.Delete, oldText, ""), new(DiffOp.Insert, "", newText)];

        var ops = new List<(DiffOp Op, int A, int B)>(a.Count + b.Count);
        for (var i = 0; i < pre; i++) ops.Add((DiffOp.Equal, i, i));
        Lcs(a, b, pre, a.Count - suf, pre, b.Count - suf, Same, ops);
        for (var k = suf; k > 0; k--) ops.Add((DiffOp.Equal, a.Count - k, b.Count - k));
        return Merge(ops, a, b);
    }

    /// <summary>
    /// For long texts: pairs lines first (equal when equal but for whitespace), then diffs the words of each
    /// changed block of lines. Blocks still too long are shown as replaced whole.
    /// </summary>
    static List<DiffSegment> ByLines(string oldText, string newText)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var (pre, suf) = CommonEnds(a, b, SameLine);
        var ops = new List<(DiffOp Op, int A, int B)>();
        for (var i = 0; i < pre; i++) ops.Add((DiffOp.Equal, i, i));
        if ((long)(a.Count - pre - suf) * (b.Count - pre - suf) > MaxTableCells)
        {
            for (var i = pre; i < a.Count - suf; i++) ops.Add((DiffOp.Delete, i, -1));
            for (var j = pre; j < b.Count - suf; j++) ops.Add((DiffOp.Insert, -1, j));
        }
        else Lcs(a, b, pre, a.Count - suf, pre, b.Count - suf, SameLine, ops);
        for (var k = suf; k > 0; k--) ops.Add((DiffOp.Equal, a.Count - k, b.Count - k));

        var result = new List<DiffSegment>();
        StringBuilder hunkOld = new(), hunkNew = new();
        void FlushHunk()
        {
            if (hunkOld.Length + hunkNew.Length == 0) return;
            result.AddRange(Compute(hunkOld.ToString(), hunkNew.ToString(), byLines: false));
            hunkOld.Clear();
            hunkNew.Clear();
        }
        foreach (var (op, ia, ib) in ops)
        {
            if (op == DiffOp.Equal) { FlushHunk(); result.Add(new(DiffOp.Equal, a[ia], b[ib])); }
            else if (op == DiffOp.Delete) hunkOld.Append(a[ia]);
            else hunkNew.Append(b[ib]);
        }
        FlushHunk();
        return result;
    }

    static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') { lines.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    static bool SameLine(string x, string y) => string.Equals(NormalizeSpace(x), NormalizeSpace(y), StringComparison.Ordinal);

    static (int Pre, int Suf) CommonEnds(List<string> a, List<string> b, Func<string, string, bool> same)
    {
        var pre = 0;
        while (pre < a.Count && pre < b.Count && same(a[pre], b[pre])) pre++;
        var suf = 0;
        while (suf < a.Count - pre && suf < b.Count - pre && same(a[a.Count - 1 - suf], b[b.Count - 1 - suf])) suf++;
        return (pre, suf);
    }

    /// <summary>Joins neighbouring segments of the same kind; keeps deletions before insertions in a change.</summary>
    static List<DiffSegment> Coalesce(List<DiffSegment> segs)
    {
        var result = new List<DiffSegment>();
        var i = 0;
        while (i < segs.Count)
        {
            if (segs[i].Op == DiffOp.Equal)
            {
                StringBuilder o = new(), n = new();
                for (; i < segs.Count && segs[i].Op == DiffOp.Equal; i++) { o.Append(segs[i].Old); n.Append(segs[i].New); }
                result.Add(new(DiffOp.Equal, o.ToString(), n.ToString()));
                continue;
            }
            StringBuilder del = new(), ins = new();
            for (; i < segs.Count && segs[i].Op != DiffOp.Equal; i++) { del.Append(segs[i].Old); ins.Append(segs[i].New); }
            if (del.Length > 0) result.Add(new(DiffOp.Delete, del.ToString(), ""));
            if (ins.Length > 0) result.Add(new(DiffOp.Insert, "", ins.ToString()));
        }
        return result;
    }

    /// <summary>True when the texts differ in more than whitespace.</summary>
    public static bool Differs(string? oldText, string? newText) =>
        !string.Equals(NormalizeSpace(oldText), NormalizeSpace(newText), StringComparison.Ordinal);

    public static bool HasChanges(IEnumerable<DiffSegment> segments) => segments.Any(s => s.Op != DiffOp.Equal);

    /// <summary>Trims and collapses every whitespace run to one space; null becomes "".</summary>
    public static string NormalizeSpace(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Renders as git's --word-diff does: [-removed-]{+added+}.</summary>
    public static string ToInlineText(IEnumerable<DiffSegment> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            switch (s.Op)
            {
                case DiffOp.Equal: sb.Append(s.New); break;
                case DiffOp.Delete: sb.Append("[-").Append(s.Old).Append("-]"); break;
                case DiffOp.Insert: sb.Append("{+").Append(s.New).Append("+}"); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Renders with &lt;del&gt; and &lt;ins&gt;; all text is HTML-escaped.</summary>
    public static string ToHtml(IEnumerable<DiffSegment> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            switch (s.Op)
            {
                case DiffOp.Equal: sb.Append(Html.Escape(s.New)); break;
                case DiffOp.Delete: sb.Append("<del>").Append(Html.Escape(s.Old)).Append("</del>"); break;
                case DiffOp.Insert: sb.Append("<ins>").Append(Html.Escape(s.New)).Append("</ins>"); break;
            }
        }
        return sb.ToString();
    }

    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var ws = char.IsWhiteSpace(text[i]);
            var j = i + 1;
            while (j < text.Length && char.IsWhiteSpace(text[j]) == ws) j++;
            tokens.Add(text[i..j]);
            i = j;
        }
        return tokens;
    }

    static bool IsSpace(string token) => token.Length > 0 && char.IsWhiteSpace(token[0]);

    static bool Same(string x, string y) => IsSpace(x) ? IsSpace(y) : !IsSpace(y) && string.Equals(x, y, StringComparison.Ordinal);

    /// <summary>LCS over a[a0..a1) and b[b0..b1), appending edit steps in order.</summary>
    static void Lcs(List<string> a, List<string> b, int a0, int a1, int b0, int b1, Func<string, string, bool> same, List<(DiffOp, int, int)> ops)
    {
        int n = a1 - a0, m = b1 - b0;
        if (n == 0 || m == 0)
        {
            for (var i = a0; i < a1; i++) ops.Add((DiffOp.Delete, i, -1));
            for (var j = b0; j < b1; j++) ops.Add((DiffOp.Insert, -1, j));
            return;
        }
        // len[i, j] = LCS length of a[a0+i..a1) and b[b0+j..b1); walked forwards afterwards.
        var len = new int[(n + 1) * (m + 1)];
        var w = m + 1;
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                len[i * w + j] = same(a[a0 + i], b[b0 + j])
                    ? len[(i + 1) * w + j + 1] + 1
                    : Math.Max(len[(i + 1) * w + j], len[i * w + j + 1]);
        int x = 0, y = 0;
        while (x < n && y < m)
        {
            if (same(a[a0 + x], b[b0 + y]) && len[x * w + y] == len[(x + 1) * w + y + 1] + 1)
            {
                ops.Add((DiffOp.Equal, a0 + x, b0 + y)); x++; y++;
            }
            else if (len[(x + 1) * w + y] >= len[x * w + y + 1]) { ops.Add((DiffOp.Delete, a0 + x, -1)); x++; }
            else { ops.Add((DiffOp.Insert, -1, b0 + y)); y++; }
        }
        for (; x < n; x++) ops.Add((DiffOp.Delete, a0 + x, -1));
        for (; y < m; y++) ops.Add((DiffOp.Insert, -1, b0 + y));
    }

    /// <summary>
    /// Joins steps into segments. A whitespace-only equal run between two changes is folded into both
    /// sides of the change, so "a b" to "x y" reads [-a b-]{+x y+} rather than word by word.
    /// Within each change, deletions come before insertions.
    /// </summary>
    static List<DiffSegment> Merge(List<(DiffOp Op, int A, int B)> ops, List<string> a, List<string> b)
    {
        // Group into alternating runs: equal runs and change runs (old text, new text).
        var runs = new List<(bool Equal, StringBuilder Old, StringBuilder New, bool SpaceOnly)>();
        foreach (var (op, ia, ib) in ops)
        {
            var equal = op == DiffOp.Equal;
            if (runs.Count == 0 || runs[^1].Equal != equal) runs.Add((equal, new StringBuilder(), new StringBuilder(), true));
            var r = runs[^1];
            if (ia >= 0) r.Old.Append(a[ia]);
            if (ib >= 0) r.New.Append(b[ib]);
            if (equal && !IsSpace(a[ia])) runs[^1] = r with { SpaceOnly = false };
        }

        var result = new List<DiffSegment>();
        StringBuilder? pendOld = null, pendNew = null;
        for (var k = 0; k < runs.Count; k++)
        {
            var r = runs[k];
            var between = k > 0 && k < runs.Count - 1;
            if (r.Equal && !(r.SpaceOnly && between))
            {
                Flush();
                result.Add(new DiffSegment(DiffOp.Equal, r.Old.ToString(), r.New.ToString()));
                continue;
            }
            pendOld ??= new StringBuilder();
            pendNew ??= new StringBuilder();
            pendOld.Append(r.Old);
            pendNew.Append(r.New);
        }
        Flush();
        return result;

        void Flush()
        {
            if (pendOld is null) return;
            if (pendOld.Length > 0) result.Add(new DiffSegment(DiffOp.Delete, pendOld.ToString(), ""));
            if (pendNew!.Length > 0) result.Add(new DiffSegment(DiffOp.Insert, "", pendNew.ToString()));
            pendOld = pendNew = null;
        }
    }
}

/// <summary>HTML escaping for text and attribute values.</summary>
public static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
