using System.Text.RegularExpressions;
using CklGen.Library;
using CklGen.Server;
using CklGen.Tests.Support;
using static CklGen.Tests.Library.SharedLibrary;

namespace CklGen.Tests.Library;

/// <summary>
/// The README's RDF vocabulary section names every class and property the library emits, and
/// nothing it does not: the docs cannot drift from Rdf.cs and LibrarySite.cs.
/// </summary>
public class LibraryVocabularyTests
{
    const string Heading = "## The STIG library's RDF vocabulary";

    static readonly Lazy<string> section = new(() =>
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no section " + Heading);
        var end = readme.IndexOf("\n## ", start + Heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    });

    static string Section => section.Value;

    /// <summary>
    /// The predicates and classes of a Turtle file as CklGen writes it, read from the text: the
    /// @prefix lines give the namespaces; a statement line is four spaces, the predicate ("a" is
    /// rdf:type) and its first object (further objects are indented by eight).
    /// </summary>
    static (Dictionary<string, string> Prefixes, HashSet<string> Predicates, HashSet<string> Classes) ParseTurtle(string ttl)
    {
        var prefixes = Regex.Matches(ttl, @"^@prefix (\w+): <([^>]+)> \.$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var predicates = new HashSet<string>(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(ttl, @"^ {4}(?! )(\S+) (.*?)( [;.])?$", RegexOptions.Multiline))
        {
            var p = m.Groups[1].Value == "a" ? "rdf:type" : m.Groups[1].Value;
            predicates.Add(p);
            if (p == "rdf:type") classes.Add(m.Groups[2].Value);
        }
        return (prefixes, predicates, classes);
    }

    /// <summary>"`stig:ruleId`" (alone, or in a cell listing several names) and the namespace IRI.</summary>
    static void AssertDocumented(string prefixed, IReadOnlyDictionary<string, string> prefixes)
    {
        Assert.Contains("`" + prefixed + "`", Section);
        var prefix = prefixed[..prefixed.IndexOf(':')];
        Assert.True(prefixes.ContainsKey(prefix), $"{prefixed}: prefix {prefix} is not declared");
        Assert.Contains($"`{prefix}:` is `{prefixes[prefix]}`", Section);
    }

    [Theory]
    [InlineData(Mailbox2016, null, "V-228409")]     // the stable page: dcterms:hasVersion, CCIs and their controls
    [InlineData(Mailbox2016, "V2R6", "V-228409")]   // one release: isVersionOf, previousVersion, textSameAsPrevious
    [InlineData(Edge2019, "V2R2", "V-259629")]
    public void Every_predicate_and_class_of_a_rule_pages_Turtle_is_named_in_the_README(string stig, string? release, string vulnId)
    {
        var path = release is null ? LibraryPaths.Rule(stig, vulnId) : LibraryPaths.RuleInRelease(stig, release, vulnId);
        var page = Page(path);
        var ttl = page.Graph.ToTurtle();
        var (prefixes, predicates, classes) = ParseTurtle(ttl);

        // the text's predicates are the graph's (so the little parser above read the file right)
        Assert.Equal(page.Graph.Triples.Select(t => t.Predicate).ToHashSet().Order(), predicates.Order());
        Assert.Contains("stig:ruleId", predicates);
        Assert.Contains("stig:Rule", classes);
        if (release is not null) Assert.Contains("dcterms:isVersionOf", predicates);

        foreach (var p in predicates) AssertDocumented(p, prefixes);
        foreach (var c in classes) AssertDocumented(c, prefixes);
        // full IRIs resolve from the prefixes the README gives
        foreach (var p in predicates)
            Assert.Equal(RdfGraph.Expand(p), prefixes[p[..p.IndexOf(':')]] + p[(p.IndexOf(':') + 1)..]);
    }

    [Fact]
    public void Every_predicate_and_class_of_every_page_is_named_in_the_README_and_every_named_term_is_emitted()
    {
        var prefixes = RdfGraph.Prefixes.ToDictionary(x => x.Prefix, x => x.Namespace);
        var predicates = Pages.Values.SelectMany(p => p.Graph.Triples).Select(t => t.Predicate).ToHashSet(StringComparer.Ordinal);
        var classes = Pages.Values.SelectMany(p => p.Graph.Triples).Where(t => t.Predicate == "rdf:type")
            .Select(t => ((RdfIri)t.Object).Value).Select(iri =>
            {
                var (p, ns) = RdfGraph.Prefixes.Single(x => iri.StartsWith(x.Namespace, StringComparison.Ordinal));
                return p + ":" + iri[ns.Length..];
            }).ToHashSet(StringComparer.Ordinal);
        foreach (var p in predicates) AssertDocumented(p, prefixes);
        foreach (var c in classes) AssertDocumented(c, prefixes);

        // and the section names no stig: or dcterms: term the library does not write: every one is
        // written by a page of the shared library, or (stig:added: no shared release adds a rule) by LibrarySite.cs
        var source = SourceTerms();
        var named = Regex.Matches(Section, @"`((?:stig|dcterms):[A-Za-z0-9]+)`").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Empty(named.Except(predicates).Except(classes).Except(source).Order());
        Assert.Contains("stig:Rule", named);
    }

    /// <summary>The prefixed names LibrarySite.cs writes ("stig:ruleId" as a string literal).</summary>
    static HashSet<string> SourceTerms()
    {
        var code = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "CklGen.Core", "Library", "LibrarySite.cs"));
        return Regex.Matches(code, @"""((?:stig|dcterms|rdf|rdfs|xsd):[A-Za-z0-9]+)""").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_term_in_the_library_code_is_named_in_the_README_even_those_no_shared_benchmark_reaches()
    {
        var prefixes = RdfGraph.Prefixes.ToDictionary(x => x.Prefix, x => x.Namespace);
        var terms = SourceTerms();
        Assert.Contains("stig:added", terms);
        Assert.True(terms.Count > 50, string.Join(", ", terms));
        foreach (var t in terms) AssertDocumented(t, prefixes);
    }

    [Fact]
    public void The_README_names_the_media_types_library_serve_negotiates()
    {
        foreach (var f in LibraryFormats.All)
            Assert.Contains("`" + LibraryFormats.MediaType(f) + "`", Section);
        foreach (var type in new[] { "text/turtle", "application/rdf+xml", "application/json" })
            Assert.NotNull(LibraryFormats.Negotiate(type));
        Assert.Contains("`Vary: Accept`", Section);
        Assert.Contains("406", Section);
    }
}
