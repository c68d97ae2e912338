using CklGen.Benchmarks;
using CklGen.IO;
using CklGen.Library;
using static CklGen.Tests.Library.SharedLibrary;

namespace CklGen.Tests.Library;

public sealed class LibraryWriterTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "cklgen-library-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static IReadOnlyList<LibraryPage> Build(Func<Benchmark, bool> include) =>
        LibrarySite.Build(new LibraryCatalog(All.Where(include), Cci));

    static bool Not2019EdgeV2R2(Benchmark b) => !(b.Id == Edge2019 && b.VersionLabel == "V2R2");

    string File(string pagePath, string name = "index.html") => Path.Combine(dir, pagePath.Replace('/', Path.DirectorySeparatorChar), name);

    [Fact]
    public void Writes_html_json_and_turtle_for_every_page_and_a_second_build_touches_nothing()
    {
        var pages = Build(_ => true);
        var first = LibraryWriter.Write(dir, pages, new OutputOptions());
        Assert.Equal(pages.Count * 3, first.Files);
        Assert.Equal(first.Files, first.Written);
        foreach (var p in pages.Take(50))
            foreach (var name in new[] { "index.html", "index.json", "index.ttl" })
                Assert.True(System.IO.File.Exists(File(p.Path, name)), File(p.Path, name));
        var stamp = System.IO.File.GetLastWriteTimeUtc(File(LibraryPaths.Index));
        var second = LibraryWriter.Write(dir, pages, new OutputOptions());
        Assert.Equal((0, first.Files, 0), (second.Written, second.Unchanged, second.Removed));
        Assert.Equal(stamp, System.IO.File.GetLastWriteTimeUtc(File(LibraryPaths.Index)));
    }

    [Fact]
    public void Adding_a_release_keeps_every_stable_path_and_rewrites_only_what_changed()
    {
        var before = Build(Not2019EdgeV2R2);
        LibraryWriter.Write(dir, before, new OutputOptions());
        var otherStig = File(LibraryPaths.Rule(Mailbox2016, "V-228409"));
        var otherStamp = System.IO.File.GetLastWriteTimeUtc(otherStig);
        var oldRelease = File(LibraryPaths.Release(Edge2019, "V2R1"), "index.json");
        var oldReleaseText = System.IO.File.ReadAllText(oldRelease);

        var after = Build(_ => true);
        var result = LibraryWriter.Write(dir, after, new OutputOptions());

        // Every page of the smaller library is still there, at the same path.
        var paths = after.Select(p => p.Path).ToHashSet();
        Assert.All(before, p => Assert.Contains(p.Path, paths));
        Assert.True(result.Removed == 0);
        // The new release adds its pages; pages of other STIGs are not rewritten.
        Assert.True(System.IO.File.Exists(File(LibraryPaths.Release(Edge2019, "V2R2"))));
        Assert.True(System.IO.File.Exists(File(LibraryPaths.Compare(Edge2019, "V2R1", "V2R2"))));
        Assert.Equal(otherStamp, System.IO.File.GetLastWriteTimeUtc(otherStig));
        Assert.True(result.Written < result.Files / 4, $"{result.Written} of {result.Files} files written");
        Assert.True(result.Unchanged > result.Files / 2);
        // The stable rule page now shows the newest release; V2R1's pages stay as they were, but the release page lists the new chooser option.
        var stable = System.IO.File.ReadAllText(File(LibraryPaths.Rule(Edge2019, "V-259629"), "index.json"));
        Assert.Contains("\"versionLabel\": \"V2R2\"", stable);
        Assert.NotEqual("", oldReleaseText);
    }

    [Fact]
    public void Removing_a_release_removes_the_files_it_alone_had()
    {
        LibraryWriter.Write(dir, Build(_ => true), new OutputOptions());
        var gone = File(LibraryPaths.Release(Edge2019, "V2R2"));
        Assert.True(System.IO.File.Exists(gone));
        var mine = Path.Combine(dir, "stigs", "notes.txt");
        System.IO.File.WriteAllText(mine, "a person's own file");
        var result = LibraryWriter.Write(dir, Build(Not2019EdgeV2R2), new OutputOptions());
        Assert.True(result.Removed > 0);
        Assert.False(System.IO.File.Exists(gone));
        Assert.False(Directory.Exists(Path.GetDirectoryName(gone)));
        Assert.True(System.IO.File.Exists(mine));
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_unless_forced_and_its_files_are_left_alone()
    {
        Directory.CreateDirectory(dir);
        var mine = Path.Combine(dir, "index.html");
        System.IO.File.WriteAllText(mine, "mine");
        var pages = Build(b => b.Id == Edge2019);
        var e = Assert.Throws<OverwriteRefusedException>(() => LibraryWriter.Write(dir, pages, new OutputOptions()));
        Assert.Contains("--force", e.Message);
        Assert.Equal("mine", System.IO.File.ReadAllText(mine));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir));
        LibraryWriter.Write(dir, pages, new OutputOptions(Overwrite: true));
        Assert.NotEqual("mine", System.IO.File.ReadAllText(mine));
    }

    [Fact]
    public void A_symbolic_link_inside_the_library_is_refused()
    {
        var pages = Build(b => b.Id == Edge2019);
        LibraryWriter.Write(dir, pages, new OutputOptions());
        var elsewhere = dir + "-elsewhere";
        Directory.CreateDirectory(elsewhere);
        try
        {
            var stigs = Path.Combine(dir, "stigs");
            Directory.Delete(stigs, recursive: true);
            Directory.CreateSymbolicLink(stigs, elsewhere);
            var e = Assert.Throws<OutputPathException>(() => LibraryWriter.Write(dir, pages, new OutputOptions()));
            Assert.Contains("symbolic link", e.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally { Directory.Delete(elsewhere, recursive: true); }
    }

    [Fact]
    public void A_file_where_the_folder_should_be_is_an_error_naming_it()
    {
        System.IO.File.WriteAllText(dir, "x");
        try
        {
            var e = Assert.Throws<OutputPathException>(() => LibraryWriter.Write(dir, Build(b => b.Id == Edge2019), new OutputOptions()));
            Assert.Contains(dir, e.Message);
            Assert.Contains("is a file", e.Message);
        }
        finally { System.IO.File.Delete(dir); }
    }

    [Fact]
    public void A_broken_list_of_earlier_files_is_an_error_naming_it()
    {
        Directory.CreateDirectory(dir);
        System.IO.File.WriteAllText(Path.Combine(dir, LibraryWriter.ManifestName), "{ not json");
        var e = Assert.Throws<InputException>(() => LibraryWriter.Write(dir, Build(b => b.Id == Edge2019), new OutputOptions()));
        Assert.Contains(LibraryWriter.ManifestName, e.Message);
    }
}
