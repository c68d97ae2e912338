using System.Diagnostics;
using System.Text.RegularExpressions;
using CklGen.Tests.Support;

namespace CklGen.Tests.Commands;

/// <summary>The README's install: dotnet pack makes a .NET tool that installs and runs as "cklgen".</summary>
public class ToolPackageTests
{
    [Fact]
    public void Pack_makes_a_dotnet_tool_that_installs_and_names_its_version_and_commit()
    {
        var dir = TestPaths.NewTempDir();
        var packages = Path.Combine(dir, "nupkg");
        var tools = Path.Combine(dir, "tools");
        var project = Path.Combine(TestPaths.RepoRoot, "src", "CklGen.Cli");

        var pack = Run(TestPaths.RepoRoot, "dotnet", "pack", project, "-c", "Release", "-o", packages, "-nologo", "-v", "quiet");
        Assert.True(pack.Exit == 0, "dotnet pack failed:\n" + pack.Out + pack.Err);
        var nupkg = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        Assert.Equal($"cklgen.{CklGenInfo.Version}.nupkg", Path.GetFileName(nupkg));

        var install = Run(dir, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "cklgen");
        Assert.True(install.Exit == 0, "dotnet tool install failed:\n" + install.Out + install.Err);

        var exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "cklgen.exe" : "cklgen");
        var version = Run(dir, exe, "--version");
        Assert.Equal(0, version.Exit);
        var m = Regex.Match(version.Out.Trim(), @"^CklGen (\S+) \(commit ([0-9a-f]{7,40})\)$");
        Assert.True(m.Success, "unexpected --version line: " + version.Out);
        Assert.Equal(CklGenInfo.Version, m.Groups[1].Value);
        var head = Run(TestPaths.RepoRoot, "git", "rev-parse", "HEAD");
        if (head.Exit == 0) Assert.Equal(head.Out.Trim(), m.Groups[2].Value);

        // The installed tool does real work, not only --version.
        var help = Run(dir, exe, "generate", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--benchmark", help.Out);
        Directory.Delete(dir, recursive: true);
    }

    static (int Exit, string Out, string Err) Run(string workDir, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
