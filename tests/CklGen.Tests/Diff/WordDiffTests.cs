using System.Text;
using CklGen.Diff;

namespace CklGen.Tests.Diff;

public class WordDiffTests
{
    static string OldOf(IEnumerable<DiffSegment> d) => string.Concat(d.Select(s => s.Old));
    static string NewOf(IEnumerable<DiffSegment> d) => string.Concat(d.Select(s => s.New));

    [Theory]
    [InlineData("the quick brown fox", "the quick red fox", "the quick [-brown-]{+red+} fox")]
    [InlineData("a b c", "a b c d", "a b c{+ d+}")]
    [InlineData("a b c", "b c", "[-a -]b c")]
    [InlineData("", "new text", "{+new text+}")]
    [InlineData("old text", "", "[-old text-]")]
    [InlineData("a b c", "x y z", "[-a b c-]{+x y z+}")]
    [InlineData("Enter Get-Foo.", "Enter Get-Foo | Select Bar.", "Enter [-Get-Foo.-]{+Get-Foo | Select Bar.+}")]
    [InlineData("same words", "same words", "same words")]
    public void Renders_inline(string a, string b, string expected) =>
        Assert.Equal(expected, WordDiff.ToInlineText(WordDiff.Compute(a, b)));

    [Fact]
    public void Whitespace_runs_compare_equal_and_keep_the_new_spacing()
    {
        var d = WordDiff.Compute("one  two\r\nthree", "one two\nthree");
        Assert.False(WordDiff.HasChanges(d));
        Assert.False(WordDiff.Differs("one  two\r\nthree", "one two\nthree"));
        Assert.Equal("one two\nthree", WordDiff.ToInlineText(d));
        Assert.Equal("one  two\r\nthree", OldOf(d));
    }

    [Fact]
    public void Html_rendering_escapes_and_marks()
    {
        var d = WordDiff.Compute("set <a> & \"b\"", "set <c> & \"b\"");
        Assert.Equal("set <del>&lt;a&gt;</del><ins>&lt;c&gt;</ins> &amp; &quot;b&quot;", WordDiff.ToHtml(d));
    }

    /// <summary>Property: for random texts, the segments reproduce both sides exactly and keep equal words equal.</summary>
    [Fact]
    public void Segments_reproduce_both_texts()
    {
        var rnd = new Random(20240601);
        string[] words = ["Exchange", "server", "the", "a", "Get-Foo", "|", "Select", "TLS", "1.2", "must", "be", "set", "."];
        string[] spaces = [" ", "  ", "\n", "\r\n", "\t"];
        string Text(int n)
        {
            var sb = new StringBuilder();
            if (rnd.Next(4) == 0) sb.Append(spaces[rnd.Next(spaces.Length)]);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(spaces[rnd.Next(spaces.Length)]);
                sb.Append(words[rnd.Next(words.Length)]);
            }
            if (rnd.Next(4) == 0) sb.Append(spaces[rnd.Next(spaces.Length)]);
            return sb.ToString();
        }
        for (var i = 0; i < 300; i++)
        {
            var a = Text(rnd.Next(0, 40));
            var b = rnd.Next(3) == 0 ? a.Replace("the", "THE") : Text(rnd.Next(0, 40));
            var d = WordDiff.Compute(a, b);
            Assert.Equal(a, OldOf(d));
            Assert.Equal(b, NewOf(d));
            Assert.All(d.Where(s => s.Op == DiffOp.Equal), s => Assert.Equal(WordDiff.NormalizeSpace(s.Old), WordDiff.NormalizeSpace(s.New)));
            Assert.All(d.Where(s => s.Op == DiffOp.Delete), s => Assert.Equal("", s.New));
            Assert.All(d.Where(s => s.Op == DiffOp.Insert), s => Assert.Equal("", s.Old));
            Assert.Equal(WordDiff.Differs(a, b), WordDiff.HasChanges(d));
        }
    }

    [Fact]
    public void Diff_is_minimal_in_words_for_a_single_edit()
    {
        var a = string.Join(' ', Enumerable.Range(0, 500).Select(i => "w" + i));
        var b = a.Replace("w250", "changed");
        var d = WordDiff.Compute(a, b);
        Assert.Equal([("w250", "")], d.Where(s => s.Op == DiffOp.Delete).Select(s => (s.Old, s.New)));
        Assert.Equal([("", "changed")], d.Where(s => s.Op == DiffOp.Insert).Select(s => (s.Old, s.New)));
    }

    /// <summary>Long texts (Evaluate-STIG finding details) with edits far apart: lines pair first, words within.</summary>
    [Fact]
    public void Long_texts_with_distant_edits_stay_word_precise()
    {
        var lines = Enumerable.Range(0, 400).Select(i => string.Join(' ', Enumerable.Range(0, 10).Select(j => $"w{i}_{j}")) + "\n").ToList();
        var a = string.Concat(lines);
        var b = a.Replace("w3_4 ", "CHANGED ").Replace("w396_1 ", "").Replace("w200_0", "w200_0 inserted");
        var d = WordDiff.Compute(a, b);

        Assert.Equal(a, OldOf(d));
        Assert.Equal(b, NewOf(d));
        Assert.Equal(["w3_4", "w396_1 "], d.Where(s => s.Op == DiffOp.Delete).Select(s => s.Old));
        Assert.Equal(["CHANGED", "inserted "], d.Where(s => s.Op == DiffOp.Insert).Select(s => s.New));
    }

    [Fact]
    public void Huge_single_line_texts_fall_back_to_whole_replacement_and_still_reproduce()
    {
        var a = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "a" + i));
        var b = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "b" + i));
        var d = WordDiff.Compute(a, b);
        Assert.Equal(a, OldOf(d));
        Assert.Equal(b, NewOf(d));
        Assert.True(WordDiff.HasChanges(d));
    }
}
