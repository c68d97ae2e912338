using CklGen.Evaluation;
using CklGen.Tests.Support;

namespace CklGen.Tests.Facts;

/// <summary>
/// The collector (templates/collectors) gathers every command the catalogs read, stays Get-only and refuses to
/// overwrite. PowerShell cannot run here, so these read the script as text; the snapshots it writes are what the
/// example and evaluation tests exercise.
/// </summary>
public class CollectorTests
{
    static readonly string Dir = Path.Combine(TestPaths.RepoRoot, "templates", "collectors");
    static readonly string Script = File.ReadAllText(Path.Combine(Dir, "Collect-ExchangeFacts.ps1")) + "\n" + File.ReadAllText(Path.Combine(Dir, "CklGenFacts.psm1"));

    public static TheoryData<string> CatalogCommands()
    {
        var data = new TheoryData<string>();
        foreach (var c in RuleCatalog.BuiltIn.Checks.Select(c => c.Command).Where(c => c.Length > 0 && !c.StartsWith('@')).Distinct(StringComparer.OrdinalIgnoreCase).Order())
            data.Add(c);
        return data;
    }

    [Theory, MemberData(nameof(CatalogCommands))]
    public void Collects_every_command_the_catalogs_read(string command)
    {
        var name = command.Split(' ')[0];
        Assert.Contains(name, Script, StringComparison.OrdinalIgnoreCase);
        // Arguments without slots appear as the check text writes them (a registry key, -List); a folder in a slot is
        // read for every folder the collector lists.
        var args = command[name.Length..].Trim();
        if (args.Length > 0 && !args.Contains('{'))
            Assert.True(Script.Contains(args.Trim('\''), StringComparison.OrdinalIgnoreCase), $"the collector does not collect '{command}'");
    }

    [Fact]
    public void Runs_Get_commands_only_and_never_overwrites_unasked()
    {
        var verbs = System.Text.RegularExpressions.Regex.Matches(Script, @"\b(Set|New|Remove|Enable|Disable|Add|Clear|Start|Stop|Restart|Install|Update|Invoke)-[A-Z][A-Za-z]+")
            .Select(m => m.Value).Where(v => v != "New-Object" && v != "New-Fact").Distinct().ToList();
        Assert.True(verbs.Count == 0, "the collector changes something: " + string.Join(", ", verbs));
        Assert.Contains("-not $Force", Script);
        Assert.Contains("use -Force to overwrite", Script);
    }
}
