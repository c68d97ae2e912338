namespace CklGen.Benchmarks;

/// <summary>The repository (the folder with CklGen.sln) and the shared reference material beside it.</summary>
public sealed class Paths
{
    public string RepoRoot { get; }
    public string Shared { get; }
    public string SharedBenchmarks => Path.Combine(Shared, "benchmarks-xccdf");
    public string SharedChecklists => Path.Combine(Shared, "checklists");
    public string Facts(string file) => Path.Combine(RepoRoot, "templates", "examples", "facts", file);
    public string SitePolicy => Path.Combine(RepoRoot, "templates", "site-policy.json");
    public string CliDll => Path.Combine(RepoRoot, "src", "CklGen.Cli", "bin", "Release", "net10.0", "cklgen.dll");

    Paths(string root, string shared) { RepoRoot = root; Shared = shared; }

    /// <summary>Walks up from the current folder, then from the program's folder; CKLGEN_SHARED overrides ../shared.</summary>
    public static Paths Find()
    {
        var root = FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"CklGen.sln not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
        var shared = Environment.GetEnvironmentVariable("CKLGEN_SHARED") is { Length: > 0 } s
            ? Path.GetFullPath(s)
            : Path.GetFullPath(Path.Combine(root, "..", "shared"));
        if (!Directory.Exists(Path.Combine(shared, "benchmarks-xccdf")))
            throw new InvalidOperationException($"shared reference material not found at {shared} (set CKLGEN_SHARED to its folder)");
        return new Paths(root, shared);
    }

    static string? FindUp(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CklGen.sln"))) return d.FullName;
        return null;
    }
}
