using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.IO;
using CklGen.Tests.Commands;
using CklGen.Tests.Support;

namespace CklGen.Tests.Robustness;

/// <summary>
/// The hostile and mistaken inputs of issue 10 as named cases: each asserts the exit code, that the message
/// names the file (and the option), that nothing was written and that the inputs are byte-identical afterwards.
/// </summary>
public sealed class HostileCliTests : IDisposable
{
    static readonly string Benchmark = TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml");
    static readonly string Facts = Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json");
    const string CklName = "EXMBX01_MS_Exchange_2019_Mailbox_Server_STIG_V1R1.ckl";

    readonly string _dir = TestPaths.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    string P(params string[] parts) => Path.Combine([_dir, .. parts]);

    /// <summary>Every file and link under the folder with a hash of its bytes (links not followed).</summary>
    static Dictionary<string, string> Snapshot(string dir)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            result[Path.GetRelativePath(dir, e.FullName)] = e.LinkTarget is { } t ? "link:" + t
                : e is FileInfo f ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))) : "dir";
        return result;
    }

    /// <summary>Runs the command and asserts the exit code, the names in the message, and that nothing under the test folder changed.</summary>
    CliRunner.Result Refused(int exit, string[] mustName, params string[] args)
    {
        var before = Snapshot(_dir);
        var inputs = new[] { Benchmark, Facts }.ToDictionary(f => f, f => SHA256.HashData(File.ReadAllBytes(f)));
        var r = CliRunner.Run(args);
        Assert.True(exit == r.Exit, $"exit {r.Exit}, expected {exit}: {r.Err}");
        foreach (var n in mustName) Assert.Contains(n, r.Err + r.Out);
        Assert.DoesNotContain("internal error", r.Err);
        Assert.Equal(before, Snapshot(_dir));
        foreach (var (f, hash) in inputs) Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(f)));
        return r;
    }

    string Ckl()
    {
        var path = P("in", CklName);
        if (!File.Exists(path))
            Assert.Equal(0, CliRunner.Run("generate", "-b", Benchmark, "--facts", Facts, "--out", P("in")).Exit);
        return path;
    }

    // ---- output paths

    [Fact]
    public void Generate_out_that_is_an_existing_file_is_refused_naming_it()
    {
        File.WriteAllText(P("taken"), "mine");
        Refused(3, ["--out", P("taken"), "is a file, not a folder"], "generate", "-b", Benchmark, "--facts", Facts, "--out", P("taken"));
    }

    [Fact]
    public void Generate_out_whose_parent_is_a_file_is_refused()
    {
        File.WriteAllText(P("taken"), "mine");
        Refused(3, ["--out", P("taken"), "is a file, not a folder"], "generate", "-b", Benchmark, "--facts", Facts, "--out", P("taken", "sub"));
    }

    [Fact]
    public void Convert_out_that_is_a_folder_is_refused()
    {
        var ckl = Ckl();
        Directory.CreateDirectory(P("folder.cklb"));
        Refused(3, ["--out", P("folder.cklb"), "is a folder"], "convert", ckl, "--to", "cklb", "--out", P("folder.cklb"));
    }

    [Fact]
    public void Convert_out_whose_parent_is_a_file_is_refused()
    {
        var ckl = Ckl();
        File.WriteAllText(P("taken"), "mine");
        Refused(3, ["--out", "is a file, not a folder"], "convert", ckl, "--to", "cklb", "--out", P("taken", "x.cklb"));
    }

    [Fact]
    public void Convert_out_that_exists_is_refused_with_exit_4_and_replaced_with_force()
    {
        var ckl = Ckl();
        File.WriteAllText(P("x.cklb"), "mine");
        Refused(4, [P("x.cklb"), "--force"], "convert", ckl, "--to", "cklb", "--out", P("x.cklb"));
        Assert.Equal(0, CliRunner.Run("convert", ckl, "--to", "cklb", "--out", P("x.cklb"), "--force").Exit);
        Assert.StartsWith("{", File.ReadAllText(P("x.cklb")));
    }

    [Fact]
    public void A_name_whose_temporary_name_is_over_the_limit_is_refused_before_writing()
    {
        var ckl = Ckl();
        var name = new string('n', 240) + ".cklb";
        var r = Refused(3, ["--out", "bytes long", "temporary file"], "convert", ckl, "--to", "cklb", "--out", P(name));
        Assert.True(r.Err.Length < 1500, "the message quotes the long name boundedly");
    }

    [Fact]
    public void Out_through_a_symbolic_link_is_refused_unless_asked()
    {
        var ckl = Ckl();
        Directory.CreateDirectory(P("real"));
        File.CreateSymbolicLink(P("link"), P("real"));
        Refused(3, ["--out", "symbolic link", "--follow-symlinks"], "convert", ckl, "--to", "cklb", "--out", P("link", "x.cklb"));
        Refused(3, ["--out", "symbolic link"], "generate", "-b", Benchmark, "--facts", Facts, "--out", P("link"));
        File.CreateSymbolicLink(P("file-link.cklb"), P("real", "target.cklb"));
        Refused(3, ["--out", "symbolic link"], "convert", ckl, "--to", "cklb", "--out", P("file-link.cklb"), "--force");

        Assert.Equal(0, CliRunner.Run("convert", ckl, "--to", "cklb", "--out", P("link", "x.cklb"), "--follow-symlinks").Exit);
        Assert.True(File.Exists(P("real", "x.cklb")));
    }

    [Fact]
    public void A_folder_the_user_cannot_write_to_is_refused_naming_it()
    {
        if (OperatingSystem.IsWindows() || Environment.IsPrivilegedProcess) return; // root writes anywhere: nothing to show
        var ckl = Ckl();
        Directory.CreateDirectory(P("ro"));
        File.SetUnixFileMode(P("ro"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try { Refused(3, ["--out", "permission denied"], "convert", ckl, "--to", "cklb", "--out", P("ro", "x.cklb")); }
        finally { File.SetUnixFileMode(P("ro"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
    }

    // ---- temporary files and sets

    [Fact]
    public void Stale_temporary_files_of_a_killed_run_are_removed_by_the_next_run_and_nothing_else()
    {
        Directory.CreateDirectory(P("out"));
        var stale = P("out", $".{CklName}.2147483646-0123456789abcdef.tmp");
        var earlier = P("out", $".{CklName}.{Guid.NewGuid():N}.tmp");
        var live = P("out", $".{CklName}.{Environment.ProcessId}-fedcba9876543210.tmp");
        var notOurs = P("out", ".notes.tmp");
        var userFile = P("out", "keep-me.2147483646-0123456789abcdef.tmp");
        foreach (var f in new[] { stale, earlier, live, notOurs, userFile }) File.WriteAllText(f, "partial");
        TempFiles.Reset();

        Assert.Equal(0, CliRunner.Run("generate", "-b", Benchmark, "--facts", Facts, "--out", P("out")).Exit);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(earlier));
        Assert.True(File.Exists(live), "a temporary file of a running process is kept");
        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(userFile));
        Assert.True(File.Exists(P("out", CklName)));
    }

    [Fact]
    public void A_set_with_one_file_refused_writes_none_of_it()
    {
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(P("out", Path.ChangeExtension(CklName, ".cklb")), "mine");
        Refused(4, [Path.ChangeExtension(CklName, ".cklb")], "generate", "-b", Benchmark, "--facts", Facts, "--out", P("out"), "-f", "both");
        Assert.False(File.Exists(P("out", CklName)));
    }

    [Fact]
    public void A_write_failing_part_way_through_a_set_leaves_nothing_behind()
    {
        using (var set = new AtomicFileSet(new OutputOptions()))
        {
            set.AddText(P("a.txt"), "a");
            Assert.Throws<InvalidOperationException>(() => set.Add(P("b.txt"), _ => throw new InvalidOperationException("disk on fire")));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void A_set_whose_target_appears_before_the_rename_says_none_of_the_others_was_written()
    {
        var set = new AtomicFileSet(new OutputOptions());
        set.AddText(P("a.txt"), "a");
        set.AddText(P("b.txt"), "b");
        File.WriteAllText(P("b.txt"), "someone else's");
        var e = Assert.Throws<OverwriteRefusedException>(() => set.Commit());
        Assert.Contains("b.txt", e.Message);
        Assert.Contains("none of the other files of the set was written", e.Message);
        Assert.Equal(["b.txt"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal("someone else's", File.ReadAllText(P("b.txt")));
    }

    // ---- pipes and devices, size limits

    [Theory]
    [InlineData("--facts")]
    [InlineData("--policy")]
    [InlineData("--answers")]
    [InlineData("--previous")]
    [InlineData("-b")]
    public void A_device_that_never_ends_is_refused_at_once(string option)
    {
        if (!File.Exists("/dev/zero")) return;
        var args = new List<string> { "generate", "--out", P("out"), "--host", "H" };
        if (option != "-b") args.AddRange(["-b", Benchmark]);
        args.AddRange([option, "/dev/zero"]);
        var before = GC.GetTotalAllocatedBytes();
        var r = Refused(3, [$"{option} /dev/zero: "], [.. args]);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 256L * 1024 * 1024, "refused before reading the device to the limit");
        Assert.Contains("NUL", r.Err);
    }

    [Fact]
    public void A_pipe_is_read_like_a_file()
    {
        if (OperatingSystem.IsWindows()) return;
        var r = RunChild(_dir, ["generate", "-b", "/dev/stdin", "--facts", Facts, "--out", "out"], stdin: File.ReadAllBytes(Benchmark));
        Assert.True(r.Exit == 0, r.Err);
        Assert.True(File.Exists(P("out", CklName)));
    }

    [Fact]
    public void A_facts_file_over_the_limit_is_refused_naming_it()
    {
        var big = P("big.json");
        File.WriteAllText(big, "{\"cklgenFacts\":1,\"commands\":{\"Get-X\":[{\"a\":\"" + new string('a', 4096) + "\"}]}}");
        var e = Assert.Throws<InputException>(() => FactsReader.Read(big, 1024));
        Assert.Contains(big, e.Message);
        Assert.Contains("more than the 1,024", e.Message);
    }

    // ---- encodings, schema, options

    [Fact]
    public void A_ckl_declaring_us_ascii_with_UTF8_inside_is_refused_by_validate_and_convert()
    {
        var text = File.ReadAllText(Ckl()).Replace("encoding=\"UTF-8\"", "encoding=\"us-ascii\"").Replace("<HOST_NAME>EXMBX01", "<HOST_NAME>EXMBX01-é");
        File.WriteAllText(P("ascii.ckl"), text, new UTF8Encoding(false));
        var v = Refused(1, ["ascii.ckl", "us-ascii", "UTF-8"], "validate", P("ascii.ckl"));
        Assert.Contains("never replaces", v.Out + v.Err);
        Refused(3, ["ascii.ckl", "us-ascii"], "convert", P("ascii.ckl"), "--to", "cklb", "--out", P("ascii.cklb"));
    }

    [Fact]
    public void A_ckl_resaved_as_UTF16_that_still_declares_UTF8_is_refused()
    {
        var text = File.ReadAllText(Ckl());
        File.WriteAllBytes(P("u16.ckl"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);
        Refused(1, ["u16.ckl", "UTF-16", "encoding=\"UTF-8\""], "validate", P("u16.ckl"));
        Refused(3, ["u16.ckl", "UTF-16"], "convert", P("u16.ckl"), "--to", "cklb", "--out", P("u16.cklb"));
    }

    [Fact]
    public void Validate_with_a_schema_that_is_not_a_schema_is_an_error_not_valid()
    {
        var ckl = Ckl();
        var r = Refused(3, ["--schema", Path.GetFileName(Benchmark), "not an XML schema"], "validate", "--schema", Benchmark, ckl);
        Assert.DoesNotContain("valid (", r.Out);
        File.WriteAllText(P("schema.json"), "{}");
        Refused(3, ["--schema", "schema.json"], "validate", "--schema", P("schema.json"), ckl);
    }

    [Fact]
    public void Double_dash_ends_the_options_so_a_file_may_start_with_a_dash()
    {
        File.Copy(Ckl(), P("-oREPORT.ckl"));
        var r = RunChild(_dir, ["validate", "--", "-oREPORT.ckl"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("-oREPORT.ckl: valid", r.Out);
    }

    [Fact]
    public void An_input_error_names_the_option_and_the_file()
    {
        Refused(3, ["--facts " + P("missing.json")], "generate", "-b", Benchmark, "--facts", P("missing.json"), "--out", P("out"));
        File.WriteAllText(P("policy.json"), "{ not json");
        Refused(3, ["--policy " + P("policy.json")], "generate", "-b", Benchmark, "--facts", Facts, "--policy", P("policy.json"), "--out", P("out"));
    }

    [Fact]
    public void A_hostile_value_is_quoted_boundedly_and_without_control_characters()
    {
        var hostile = "\u001b[31m" + new string('x', 100_000);
        var r = CliRunner.Run("generate", "-b", Benchmark, "--host", "H", "--time", hostile, "--out", P("out"));
        Assert.Equal(2, r.Exit);
        Assert.True(r.Err.Length < 5000, $"message of {r.Err.Length} characters");
        Assert.DoesNotContain("\u001b", r.Err);
        Assert.False(Directory.Exists(P("out")));
    }

    // ---- dates, CLIXML references, zips, link loops

    [Fact]
    public void Dates_in_policy_and_answer_strings_stay_text()
    {
        File.WriteAllText(P("policy.json"), """
            // 2026-01-01T00:00:00Z in a comment
            { "cklgenPolicy": 1, "values": { "receiveConnectionTimeout": "/Date(1700000000000)/", "sendConnectionInactivityTimeout": "2026-01-01T00:00:00Z" } }
            """);
        var policy = SitePolicy.Load(P("policy.json"));
        Assert.Equal("/Date(1700000000000)/", (string?)policy.OrgValue("receiveConnectionTimeout"));
        Assert.Equal("2026-01-01T00:00:00Z", (string?)policy.OrgValue("sendConnectionInactivityTimeout"));

        File.WriteAllText(P("answers.json"), """
            { "cklgenAnswers": 1, "answers": [ { "rule": "V-259687", "status": "NotAFinding", "comment": "\/Date(1700000000000)\/ signed 2026-01-01T00:00:00+01:00" } ] }
            """);
        Assert.Equal("/Date(1700000000000)/ signed 2026-01-01T00:00:00+01:00", AnswerFile.Load(P("answers.json")).Answers[0].Comment);
    }

    [Fact]
    public void CLIXML_references_that_double_at_every_level_cost_memory_linear_in_the_file()
    {
        // Object k holds two <Ref>s to object k-1: 40 levels would expand to 2^40 values.
        var sb = new StringBuilder("""<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">""");
        sb.Append("""<Obj RefId="0"><TN RefId="0"><T>System.Collections.Hashtable</T><T>System.Object</T></TN><DCT><En><S N="Key">a</S><S N="Value">b</S></En></DCT></Obj>""");
        for (var k = 1; k <= 40; k++)
            sb.Append($"""<Obj RefId="{k}"><TNRef RefId="0" /><DCT><En><S N="Key">l</S><Ref N="Value" RefId="{k - 1}" /></En><En><S N="Key">r</S><Ref N="Value" RefId="{k - 1}" /></En></DCT></Obj>""");
        sb.Append("</Objs>");
        var dir = P("facts");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Get-Thing.xml"), sb.ToString());
        // The file is about 6 KB: reading it (XML tree, translation, snapshot) stays within 16 MB, where copying each
        // <Ref> whole would need 2^40 values. Object 40 still reads: its two halves are copies of object 39, whose own
        // halves are the (large) copies of object 38, written as their type name.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = FactsReader.Read(dir);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated:N0} bytes allocated");
        var objects = snapshot.Commands.Values.Single().Objects;
        Assert.Equal(41, objects.Count);
        Assert.Equal("b", (string?)objects[0].Get("a"));
        Assert.Equal("b", (string?)objects[1].Get("l")!["a"]);           // a Ref to a plain object is its full copy
        Assert.Equal("b", (string?)objects[2].Get("r")!["l"]!["a"]);
        var top = (Newtonsoft.Json.Linq.JObject)objects[40].Get("l")!;
        Assert.Equal(["l", "r"], top.Properties().Select(p => p.Name));
    }

    [Fact]
    public void Many_small_nested_zips_are_refused_on_their_total_size_before_it_is_decompressed()
    {
        var small = Zip([("filler-xccdf.xml", new byte[200 * 1024])]);
        var outer = Zip([("U_Test_V1R1_Manual-xccdf.xml", File.ReadAllBytes(Benchmark)), .. Enumerable.Range(0, 50).Select(i => ($"many/{i}.zip", small))]);
        File.WriteAllBytes(P("many.zip"), outer);
        var limits = XccdfReadLimits.Default with { MaxTotalBytes = 4 * 1024 * 1024 };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InputException>(() => XccdfReader.ReadAll(P("many.zip"), limits));
        Assert.Contains("many.zip", e.Message);
        Assert.Contains("in all", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024, "refused from the sizes the zip declares, before decompressing");
    }

    static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
            {
                using var s = z.CreateEntry(name).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }

    [Fact]
    public void A_symbolic_link_loop_under_a_folder_is_detected_not_followed()
    {
        var ckl = Ckl();
        foreach (var side in new[] { "old", "new" })
        {
            Directory.CreateDirectory(P(side, "a"));
            File.Copy(ckl, P(side, "a", CklName));
            for (var i = 0; i < 3; i++) File.CreateSymbolicLink(P(side, "a", $"up{i}"), P(side));
        }
        var r = CliRunner.Run("diff", "-r", P("old"), P("new"), "-f", "json");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("(a loop)", r.Err);

        Directory.CreateDirectory(P("lib", "sub"));
        File.Copy(Benchmark, P("lib", "sub", Path.GetFileName(Benchmark)));
        File.CreateSymbolicLink(P("lib", "sub", "back"), P("lib"));
        File.CreateSymbolicLink(P("lib", "sub", "top"), "/");
        var rules = CliRunner.Run("rules", "show", "V-259687", "-b", P("lib"));
        Assert.True(rules.Exit == 0, rules.Err);
        Assert.Contains("(a loop)", rules.Err);
    }

    [Fact]
    public void RealPath_resolves_links_and_refuses_a_loop_of_links()
    {
        Directory.CreateDirectory(P("real", "in"));
        File.CreateSymbolicLink(P("l1"), P("real"));
        File.CreateSymbolicLink(P("l2"), "l1/in");
        Assert.Equal(FolderWalk.RealPath(P("real", "in")), FolderWalk.RealPath(P("l2")));
        File.CreateSymbolicLink(P("x"), "y");
        File.CreateSymbolicLink(P("y"), "x");
        Assert.Contains("symbolic links", Assert.Throws<InputException>(() => FolderWalk.RealPath(P("x", "z"))).Message);
    }

    // ---- child processes

    internal sealed record ChildResult(int Exit, string Out, string Err);

    internal static ChildResult RunChild(string workDir, string[] args, byte[]? stdin = null)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cklgen.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var @out = p.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        return new ChildResult(p.ExitCode, @out.Result, err.Result);
    }
}
