namespace CklGen.Tests.Support;

/// <summary>Where the repository and the shared reference material (../shared beside it) lie.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the repository; CKLGEN_SHARED overrides it.</summary>
    public static string Shared { get; } =
        Environment.GetEnvironmentVariable("CKLGEN_SHARED") is { Length: > 0 } s ? Path.GetFullPath(s)
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string SharedBenchmarks => Path.Combine(Shared, "benchmarks-xccdf");
    public static string SharedChecklists => Path.Combine(Shared, "checklists");
    public static string SharedSchemas => Path.Combine(Shared, "schemas");
    public static string SharedCci => Path.Combine(Shared, "cci", "U_CCI_List.xml");

    /// <summary>tests/CklGen.Tests in the source tree (approved files and test data live here).</summary>
    public static string TestsDir => Path.Combine(RepoRoot, "tests", "CklGen.Tests");

    public static string Benchmark(string fileName)
    {
        var p = Path.Combine(SharedBenchmarks, fileName);
        if (!File.Exists(p)) throw new FileNotFoundException($"shared benchmark missing: {p}");
        return p;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "cklgen-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CklGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CklGen.sln not found above " + AppContext.BaseDirectory);
    }
}
