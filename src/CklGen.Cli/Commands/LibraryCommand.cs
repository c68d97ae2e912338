using System.Diagnostics;
using System.Net;
using CklGen.Benchmarks;
using CklGen.IO;
using CklGen.Library;
using CklGen.Reports;
using CklGen.Server;
using CommandLine;
using CommandLine.Text;

namespace CklGen.Cli.Commands;

/// <summary>Lists the "library" verb group in the top-level help; its sub-verbs are dispatched by Cli.Groups.</summary>
[Verb("library", HelpText = "An offline STIG library from a folder of benchmarks: every STIG, release and rule with its CCIs and NIST SP 800-53 controls, "
    + "an RMF view, release comparisons, search, stable links, JSON and Turtle. 'cklgen library build' writes it as plain files, "
    + "'cklgen library serve' serves it; see 'cklgen library --help'.")]
public sealed class LibraryGroupOptions;

public abstract class LibraryOptionsBase
{
    [Option('b', "benchmarks", Default = CommandSupport.DefaultBenchmarkFolder, HelpText = "Folder of XCCDF benchmarks (.xml, DISA .zip), searched with its subfolders; several releases of a STIG are shown as its releases.")]
    public string Benchmarks { get; set; } = CommandSupport.DefaultBenchmarkFolder;

    [Option("cci", HelpText = "DISA's U_CCI_List.xml (or its .zip), to map each CCI to NIST SP 800-53 rev 4 and rev 5 controls; default: the first *CCI_List* file in the benchmark folder.")]
    public string? Cci { get; set; }
}

[Verb("build", HelpText = "Write the library as a static site into a folder: plain files that open from disk and from any web server, "
    + "with no script or style from outside and no network. Incremental: files whose content is already there are not rewritten, "
    + "and files an earlier build wrote that are no longer made are removed.")]
public sealed class LibraryBuildOptions : LibraryOptionsBase
{
    [Option('o', "out", Required = true, HelpText = "Folder to build the library in (created if missing). An existing folder must hold a library CklGen built, or be empty, unless --force.")]
    public string Out { get; set; } = "";

    [Option("force", HelpText = "Build into a folder that holds other files (they are left alone), or whose list of earlier-built files is broken.")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

    [Option("json", HelpText = "Print what was built as JSON on standard output.")]
    public bool Json { get; set; }

    static readonly UnParserSettings Quiet = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "cklgen library")]
    public static IEnumerable<Example> Examples =>
    [
        new("Build the library of ./benchmarks-xccdf with DISA's CCI list, then open stig-library/index.html", Quiet,
            new LibraryBuildOptions { Cci = "U_CCI_List.xml", Out = "stig-library" }),
    ];
}

[Verb("serve", HelpText = "Serve the library from a local web server (ASP.NET Core), on 127.0.0.1 unless --bind says otherwise. "
    + "Every page's address also answers Accept: text/turtle, application/rdf+xml and application/json with that format. Stops on Ctrl+C.")]
public sealed class LibraryServeOptions : LibraryOptionsBase
{
    [Option('p', "port", Default = 8080, HelpText = "TCP port to listen on (0 picks a free one; the address is printed).")]
    public int Port { get; set; } = 8080;

    [Option("bind", Default = "127.0.0.1", HelpText = "Address to listen on: 127.0.0.1 (this computer only) by default; 0.0.0.0 or a site address serves other computers.")]
    public string Bind { get; set; } = "127.0.0.1";

    [Usage(ApplicationAlias = "cklgen library")]
    public static IEnumerable<Example> Examples =>
    [
        new("Serve the library of ./benchmarks-xccdf on this computer, port 8080", new LibraryServeOptions()),
        new("Serve it to the site on port 8443", new LibraryServeOptions { Bind = "0.0.0.0", Port = 8443 }),
    ];
}

public static class LibraryCommand
{
    public static int RunGroup(LibraryGroupOptions _, CliContext ctx) =>
        throw new UsageException("give a sub-command: 'cklgen library build --out DIR' or 'cklgen library serve'");

    /// <summary>Reads the benchmark folder and the CCI list into the library's pages.</summary>
    public static (LibraryCatalog Catalog, IReadOnlyList<LibraryPage> Pages) Load(LibraryOptionsBase o, CliContext ctx)
    {
        var benchmarks = BenchmarkLibrary.LoadAll(o.Benchmarks, p => XccdfReader.ReadAll(p), w => ctx.Error.WriteLine("cklgen: warning: " + w));
        var cciPath = o.Cci ?? BenchmarkLibrary.FindCciList(o.Benchmarks);
        if (o.Cci is not null && Directory.Exists(o.Cci)) throw new InputException(o.Cci, "is a folder, not a file (expected DISA's U_CCI_List.xml)");
        if (o.Cci is not null && !File.Exists(o.Cci)) throw new InputException(o.Cci, "CCI list not found");
        var cci = cciPath is null ? null : CciList.Load(cciPath);
        if (cci is null) ctx.Error.WriteLine("cklgen: warning: no CCI list (--cci U_CCI_List.xml): rule pages show CCIs without their NIST SP 800-53 controls, and the RMF view is empty");
        var catalog = new LibraryCatalog(benchmarks.Benchmarks, cci);
        foreach (var w in catalog.Warnings) ctx.Error.WriteLine("cklgen: warning: " + w);
        return (catalog, LibrarySite.Build(catalog));
    }

    public static int Build(LibraryBuildOptions o, CliContext ctx)
    {
        var clock = Stopwatch.StartNew();
        var (catalog, pages) = Load(o, ctx);
        var result = LibraryWriter.Write(o.Out, pages, new OutputOptions(o.Force, o.FollowSymlinks));
        var releases = catalog.Stigs.Sum(s => s.Releases.Count);
        var summary = $"cklgen: library of {catalog.Stigs.Count} STIGs ({releases} releases) in {o.Out}: {pages.Count} pages, {result.Files} files; " +
                      $"{result.Written} written, {result.Unchanged} unchanged, {result.Removed} removed ({clock.Elapsed.TotalSeconds:0.0} s). Open {LibraryPaths.Locate(o.Out, LibraryPaths.Index)}";
        ctx.Error.WriteLine(summary);
        if (o.Json)
            ctx.Out.WriteLine(new Newtonsoft.Json.Linq.JObject
            {
                ["folder"] = result.Folder,
                ["index"] = LibraryPaths.Locate(result.Folder, LibraryPaths.Index),
                ["stigs"] = catalog.Stigs.Count,
                ["releases"] = releases,
                ["pages"] = pages.Count,
                ["files"] = result.Files,
                ["written"] = result.Written,
                ["unchanged"] = result.Unchanged,
                ["removed"] = result.Removed,
                ["cciList"] = catalog.CciList?.Version,
            }.ToString(Newtonsoft.Json.Formatting.Indented));
        return ExitCodes.Success;
    }

    public static int Serve(LibraryServeOptions o, CliContext ctx)
    {
        if (o.Port is < 0 or > 65535) throw new UsageException($"--port {o.Port}: give a TCP port from 0 to 65535");
        if (!IPAddress.TryParse(o.Bind, out var address)) throw new UsageException($"--bind '{o.Bind}': give an IP address (127.0.0.1, ::1, 0.0.0.0 or one of this computer's)");
        var (catalog, pages) = Load(o, ctx);
        var server = LibraryServer.StartAsync(pages, address, o.Port).GetAwaiter().GetResult();
        try
        {
            ctx.Out.WriteLine(server.Url);
            ctx.Out.Flush();
            ctx.Error.WriteLine($"cklgen: serving the library of {catalog.Stigs.Count} STIGs ({pages.Count} pages) at {server.Url}" +
                                (IPAddress.IsLoopback(address) ? " (this computer only)" : " (reachable from other computers)") + "; Ctrl+C stops");
            server.WaitForShutdownAsync().GetAwaiter().GetResult();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return ExitCodes.Success;
    }
}
