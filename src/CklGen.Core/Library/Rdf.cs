using System.Globalization;
using System.Text;
using System.Xml;

namespace CklGen.Library;

/// <summary>An RDF term: an IRI (relative IRIs resolve against the page's own address) or a literal.</summary>
public abstract record RdfTerm;
public sealed record RdfIri(string Value) : RdfTerm;
/// <summary>A literal: plain text, or typed with an XSD datatype local name (boolean, integer, date).</summary>
public sealed record RdfLiteral(string Value, string? Datatype = null) : RdfTerm;

public sealed record RdfTriple(string Subject, string Predicate, RdfTerm Object);

/// <summary>
/// The RDF statements of one library page, written as Turtle or RDF/XML. Predicates and classes are
/// prefixed names ("stig:ruleId", "dcterms:title") from <see cref="Prefixes"/>; subjects are IRIs,
/// usually relative to the page ("./" is the page itself), so the same file is right on disk and on a server.
/// </summary>
public sealed class RdfGraph
{
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> Prefixes =
    [
        ("stig", "urn:cklgen:stig:"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ];

    readonly List<RdfTriple> triples = [];
    public IReadOnlyList<RdfTriple> Triples => triples;

    /// <summary>Adds a statement; empty literals are left out (an absent field says nothing).</summary>
    public RdfGraph Add(string subject, string predicate, RdfTerm obj)
    {
        if (obj is RdfLiteral { Value: var v } && string.IsNullOrWhiteSpace(v)) return this;
        Namespace(predicate);
        triples.Add(new RdfTriple(subject, predicate, obj));
        return this;
    }

    public RdfGraph Add(string subject, string predicate, string? literal) => literal is null ? this : Add(subject, predicate, new RdfLiteral(literal));
    public RdfGraph Type(string subject, string @class) => Add(subject, "rdf:type", new RdfIri(Expand(@class)));
    public RdfGraph Link(string subject, string predicate, string iri) => Add(subject, predicate, new RdfIri(iri));

    static (string Prefix, string Namespace) Namespace(string prefixed)
    {
        var i = prefixed.IndexOf(':');
        var p = i < 0 ? "" : prefixed[..i];
        foreach (var x in Prefixes) if (x.Prefix == p) return x;
        throw new ArgumentException($"unknown RDF prefix in '{prefixed}'", nameof(prefixed));
    }

    public static string Expand(string prefixed)
    {
        var ns = Namespace(prefixed);
        return ns.Namespace + prefixed[(ns.Prefix.Length + 1)..];
    }

    // ---------------------------------------------------------------- Turtle

    public string ToTurtle()
    {
        var sb = new StringBuilder();
        foreach (var (p, ns) in Prefixes) sb.Append("@prefix ").Append(p).Append(": <").Append(ns).Append("> .\n");
        foreach (var subject in triples.GroupBy(t => t.Subject))
        {
            sb.Append('\n').Append(TurtleIri(subject.Key));
            var first = true;
            foreach (var byPredicate in subject.GroupBy(t => t.Predicate))
            {
                sb.Append(first ? "\n    " : " ;\n    ");
                first = false;
                sb.Append(byPredicate.Key == "rdf:type" ? "a" : byPredicate.Key).Append(' ');
                sb.Append(string.Join(",\n        ", byPredicate.Select(t => TurtleTerm(t.Object))));
            }
            sb.Append(" .\n");
        }
        return sb.ToString();
    }

    static string TurtleTerm(RdfTerm t) => t switch
    {
        RdfIri i => Prefixed(i.Value) ?? TurtleIri(i.Value),
        RdfLiteral { Datatype: "boolean" or "integer" } l => l.Value,
        RdfLiteral { Datatype: { } dt } l => TurtleString(l.Value) + "^^xsd:" + dt,
        RdfLiteral l => TurtleString(l.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>"stig:Rule" for an IRI in a known namespace whose rest is a plain name; null otherwise.</summary>
    static string? Prefixed(string iri)
    {
        foreach (var (p, ns) in Prefixes)
            if (iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal)
                && char.IsAsciiLetter(iri[ns.Length]) && iri.AsSpan(ns.Length).ContainsAnyExcept(PlainName) is false)
                return p + ":" + iri[ns.Length..];
        return null;
    }

    static readonly System.Buffers.SearchValues<char> PlainName =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>&lt;iri&gt; with the characters Turtle forbids in an IRI percent-encoded.</summary>
    static string TurtleIri(string iri)
    {
        var sb = new StringBuilder("<");
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('>').ToString();
    }

    static string TurtleString(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f') sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    // ---------------------------------------------------------------- RDF/XML

    /// <summary>RDF/XML; <paramref name="baseIri"/> (the page's address) becomes xml:base when given.</summary>
    public string ToRdfXml(string? baseIri = null)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, settings))
        {
            const string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
            w.WriteStartElement("rdf", "RDF", rdf);
            foreach (var (p, ns) in Prefixes) if (p != "rdf") w.WriteAttributeString("xmlns", p, null, ns);
            if (baseIri is not null) w.WriteAttributeString("xml", "base", null, baseIri);
            foreach (var subject in triples.GroupBy(t => t.Subject))
            {
                w.WriteStartElement("rdf", "Description", rdf);
                w.WriteAttributeString("rdf", "about", rdf, subject.Key);
                foreach (var t in subject)
                {
                    var (prefix, ns) = Namespace(t.Predicate);
                    w.WriteStartElement(prefix, t.Predicate[(prefix.Length + 1)..], ns);
                    switch (t.Object)
                    {
                        case RdfIri i: w.WriteAttributeString("rdf", "resource", rdf, i.Value); break;
                        case RdfLiteral l:
                            if (l.Datatype is not null) w.WriteAttributeString("rdf", "datatype", rdf, "http://www.w3.org/2001/XMLSchema#" + l.Datatype);
                            w.WriteString(XmlSafe(l.Value));
                            break;
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Characters XML 1.0 cannot carry (XCCDF read as XML has none, but a graph may come from elsewhere) become U+FFFD.</summary>
    static string XmlSafe(string s)
    {
        if (s.All(XmlConvert.IsXmlChar)) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(s, i, 2); i++; }
            else sb.Append(XmlConvert.IsXmlChar(s[i]) ? s[i] : '\uFFFD');
        }
        return sb.ToString();
    }
}
