using CklGen.Benchmarks;
using CklGen.Library;
using CklGen.Reports;
using CklGen.Tests.Support;

namespace CklGen.Tests.Library;

/// <summary>The library of the 18 shared DISA benchmarks with DISA's CCI list, built once for all tests.</summary>
static class SharedLibrary
{
    static readonly Lazy<IReadOnlyList<Benchmark>> benchmarks = new(() =>
        BenchmarkLibrary.Load(TestPaths.SharedBenchmarks, p => XccdfReader.Read(p)).Benchmarks);
    static readonly Lazy<CciList> cci = new(() => CciList.Load(TestPaths.SharedCci));
    static readonly Lazy<LibraryCatalog> catalog = new(() => new LibraryCatalog(benchmarks.Value, cci.Value));
    static readonly Lazy<Dictionary<string, LibraryPage>> pages = new(() => LibrarySite.Build(catalog.Value).ToDictionary(p => p.Path));

    public static IReadOnlyList<Benchmark> All => benchmarks.Value;
    public static CciList Cci => cci.Value;
    public static LibraryCatalog Catalog => catalog.Value;
    public static IReadOnlyDictionary<string, LibraryPage> Pages => pages.Value;

    public const string Mailbox2016 = "MS_Exchange_2016_Mailbox_Server_STIG";
    public const string Edge2019 = "MS_Exchange_2019_Edge_Server_STIG";

    public static LibraryPage Page(string path) =>
        Pages.TryGetValue(path, out var p) ? p : throw new Xunit.Sdk.XunitException($"no library page {path}");

    /// <summary>What a reader sees: the HTML with tags removed and entities decoded, whitespace collapsed.</summary>
    public static string Text(string html)
    {
        var noTags = System.Text.RegularExpressions.Regex.Replace(html, "<script[^>]*>.*?</script>|<style>.*?</style>|<[^>]+>", " ",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        return System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(noTags), @"\s+", " ");
    }
}
