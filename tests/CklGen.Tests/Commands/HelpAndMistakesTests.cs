using System.Reflection;
using System.Text;
using CklGen.Cli;
using CommandLine;

namespace CklGen.Tests.Commands;

/// <summary>Help that teaches (every command's examples parse as printed) and one clear line per mistake.</summary>
public class HelpAndMistakesTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (command, _) in Cli.Cli.Commands()) data.Add(command);
        return data;
    }

    [Fact]
    public void Every_command_is_covered()
    {
        var commands = Cli.Cli.Commands().Select(c => c.Command).ToList();
        foreach (var c in new[] { "cklgen generate", "cklgen validate", "cklgen report", "cklgen rules show", "cklgen rules search", "cklgen benchmarks diff", "cklgen library build", "cklgen library serve" })
            Assert.Contains(c, commands);
        Assert.DoesNotContain("cklgen rules", commands);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_VERB_and_VERB_help_show_the_commands_help_with_examples(string command)
    {
        var words = command.Split(' ')[1..];
        var viaHelp = CliRunner.Run(["help", .. words]);
        var viaOption = CliRunner.Run([.. words, "--help"]);
        Assert.Equal(ExitCodes.Success, viaHelp.Exit);
        Assert.Equal(ExitCodes.Success, viaOption.Exit);
        Assert.Equal(viaOption.Out, viaHelp.Out);
        if (words.Length == 2) Assert.Equal(viaOption.Out, CliRunner.Run(words[0], "help", words[1]).Out);
        Assert.Equal("", viaHelp.Err);
        Assert.StartsWith($"CklGen ", viaHelp.Out);
        Assert.Contains(command + ": ", viaHelp.Out);
        Assert.Contains("--help", viaHelp.Out);
        Assert.Contains("Exit codes", viaHelp.Out);
        // Not the list of commands.
        Assert.DoesNotContain("Display more information on a specific command", viaHelp.Out);

        var examples = Cli.Cli.Examples(command).ToList();
        Assert.NotEmpty(examples);
        var lines = viaHelp.Out.Split('\n').Select(l => l.TrimEnd('\r').Trim()).ToHashSet();
        Assert.Contains("Examples:", lines);
        foreach (var (title, line) in examples)
        {
            // Printed whole, on one line: copy-pasteable.
            Assert.Contains(line, lines);
            Assert.Contains(title + ":", lines);
            Assert.StartsWith(command + " ", line + " ");
            Assert.Equal(line.Trim(), line);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_example_parses_back_without_error_with_values_in_lower_case(string command)
    {
        var capitalized = EnumNamesOfOptions().Where(n => n != n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, line) in Cli.Cli.Examples(command))
        {
            var args = ShellSplit(line);
            Assert.Equal("cklgen", args[0]);
            var errors = Cli.Cli.ParseOnly(args[1..]);
            Assert.True(errors is null, line + " -> " + string.Join("; ", errors ?? []));
            foreach (var a in args) Assert.False(capitalized.Contains(a), $"{line}: '{a}' is not in the case the help documents");
        }
    }

    [Fact]
    public void The_generate_example_is_written_with_both_in_lower_case()
    {
        var r = CliRunner.Run("help", "generate");
        Assert.Contains("--format both", r.Out);
        Assert.DoesNotContain("--format Both", r.Out);
        Assert.Contains("(Default: ckl)", r.Out);
    }

    [Fact]
    public void Help_lists_the_commands_and_how_to_get_a_commands_help()
    {
        foreach (var args in new[] { new[] { "help" }, ["--help"] })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(ExitCodes.Success, r.Exit);
            Assert.Contains("generate", r.Out);
            Assert.Contains("cklgen help COMMAND", r.Out);
        }
        var group = CliRunner.Run("help", "rules");
        Assert.Equal(ExitCodes.Success, group.Exit);
        Assert.Contains("show", group.Out);
        Assert.Contains("search", group.Out);
    }

    [Theory]
    [InlineData("cklgen: unknown command 'gnerate'; did you mean 'generate'?", "gnerate", "--out", "x")]
    [InlineData("cklgen: unknown command 'gnerate'; did you mean 'generate'?", "help", "gnerate")]
    [InlineData("cklgen: unknown command 'valdiate'; did you mean 'validate'?", "valdiate", "a.ckl")]
    [InlineData("cklgen: unknown command 'shw' for 'cklgen rules'; did you mean 'show'?", "rules", "shw", "V-1")]
    [InlineData("cklgen: unknown option '--frmat' for 'cklgen generate'; did you mean '--format'?", "generate", "--out", "o", "--frmat", "both")]
    [InlineData("cklgen: unknown option '--shcema' for 'cklgen validate'; did you mean '--schema'?", "validate", "a.ckl", "--shcema", "x.xsd")]
    [InlineData("cklgen: --format: 'Bothh' is not one of ckl, cklb, both, xccdf, all", "generate", "--out", "o", "--format", "Bothh")]
    [InlineData("cklgen: --to: 'pdf' is not one of ckl, cklb, xccdf", "convert", "a.ckl", "--to", "pdf", "--out", "b")]
    [InlineData("cklgen: --format: 'pdf' is not one of html, csv, poam", "report", "a.ckl", "--format", "pdf")]
    [InlineData("cklgen: missing required option --out for 'cklgen generate'", "generate", "--format", "Both")]
    [InlineData("cklgen: 'cklgen diff' needs NEW", "diff", "a.ckl")]
    [InlineData("cklgen: 'cklgen validate' needs at least one FILE|DIR", "validate")]
    [InlineData("cklgen: 'cklgen rules show' needs ID", "rules", "show")]
    [InlineData("cklgen: --port: 'abc' is not a whole number", "library", "serve", "--port", "abc")]
    public void A_mistake_is_one_line_naming_it_then_where_the_help_is(string expected, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Equal("", r.Out);
        var lines = r.Err.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(expected, lines[0]);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("cklgen: see 'cklgen ", lines[1]);
        // The full help is not dumped after a typo.
        Assert.DoesNotContain("Exit codes", r.Err);
        Assert.DoesNotContain("ERROR(S)", r.Err);
    }

    [Fact]
    public void Several_mistakes_get_a_line_each()
    {
        var r = CliRunner.Run("convert");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        var lines = r.Err.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains("cklgen: missing required option --to for 'cklgen convert'", lines);
        Assert.Contains("cklgen: missing required option --out for 'cklgen convert'", lines);
        Assert.Contains("cklgen: 'cklgen convert' needs IN", lines);
        Assert.Equal("cklgen: see 'cklgen help convert'", lines[^1]);
    }

    [Fact]
    public void A_far_off_verb_lists_the_commands_instead_of_guessing()
    {
        var r = CliRunner.Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        var first = r.Err.Split('\n')[0];
        Assert.StartsWith("cklgen: unknown command 'frobnicate' for 'cklgen'; the commands are generate, evaluate", first);
        Assert.DoesNotContain("did you mean", first);
    }

    [Theory]
    [InlineData("gnerate", "generate", 1)]
    [InlineData("genrate", "generate", 1)]
    [InlineData("vaildate", "validate", 1)]
    [InlineData("report", "report", 0)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_is_levenshtein_with_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, CliHelpDistance(a, b));

    static int CliHelpDistance(string a, string b) =>
        (int)typeof(Cli.Cli).Assembly.GetType("CklGen.Cli.CliHelp")!.GetMethod("Distance")!.Invoke(null, [a, b])!;

    static IEnumerable<string> EnumNamesOfOptions() =>
        Cli.Cli.Commands().SelectMany(c => c.Options.GetProperties())
            .Where(p => p.GetCustomAttribute<OptionAttribute>() is not null)
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
            .Where(t => t.IsEnum).Distinct().SelectMany(Enum.GetNames);

    /// <summary>Splits a line as sh does for the quoting the examples use (single quotes, '' inside).</summary>
    static string[] ShellSplit(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any || current.Length > 0) args.Add(current.ToString());
                current.Clear();
                any = false;
                continue;
            }
            current.Append(c);
        }
        Assert.False(quoted, "unbalanced quote in " + line);
        if (any || current.Length > 0) args.Add(current.ToString());
        return [.. args];
    }
}
