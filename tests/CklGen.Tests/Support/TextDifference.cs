namespace CklGen.Tests.Support;

/// <summary>Where two texts first differ, with a few lines of context, for failure messages.</summary>
static class TextDifference
{
    public static string First(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        for (var i = 0; i < Math.Max(la.Length, lb.Length); i++)
        {
            var x = i < la.Length ? la[i] : "<end>";
            var y = i < lb.Length ? lb[i] : "<end>";
            if (x != y)
            {
                var context = string.Join("\n", la.Skip(Math.Max(0, i - 4)).Take(4));
                return $"line {i + 1}:\n{context}\nexpected «{Clip(x)}»\n     got «{Clip(y)}»";
            }
        }
        return "?";
    }

    internal static string Clip(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
