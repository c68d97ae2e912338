using System.Globalization;

namespace CklGen.Server;

public enum LibraryFormat { Html, Json, Turtle, RdfXml }

/// <summary>The formats a library page comes in, their media types and file names, and Accept negotiation.</summary>
public static class LibraryFormats
{
    public static readonly IReadOnlyList<LibraryFormat> All = [LibraryFormat.Html, LibraryFormat.Json, LibraryFormat.Turtle, LibraryFormat.RdfXml];

    public static string MediaType(LibraryFormat f) => f switch
    {
        LibraryFormat.Json => "application/json",
        LibraryFormat.Turtle => "text/turtle",
        LibraryFormat.RdfXml => "application/rdf+xml",
        _ => "text/html",
    };

    public static string FileName(LibraryFormat f) => f switch
    {
        LibraryFormat.Json => "index.json",
        LibraryFormat.Turtle => "index.ttl",
        LibraryFormat.RdfXml => "index.rdf",
        _ => "index.html",
    };

    public static LibraryFormat? ByFileName(string name) => All.Cast<LibraryFormat?>().FirstOrDefault(f => FileName(f!.Value) == name);

    static LibraryFormat? ByMediaType(string type) => type switch
    {
        "text/html" or "application/xhtml+xml" => LibraryFormat.Html,
        "application/json" => LibraryFormat.Json,
        "text/turtle" or "application/x-turtle" => LibraryFormat.Turtle,
        "application/rdf+xml" => LibraryFormat.RdfXml,
        _ => null,
    };

    /// <summary>
    /// The format an Accept header prefers (highest q; on a tie the one named first, a wildcard
    /// gives HTML); HTML when there is no header; null when it accepts none of them.
    /// </summary>
    public static LibraryFormat? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return LibraryFormat.Html;
        LibraryFormat? best = null;
        var bestQ = 0.0;
        var bestSpecific = false;
        foreach (var part in accept.Split(','))
        {
            var bits = part.Split(';');
            var type = bits[0].Trim().ToLowerInvariant();
            var q = 1.0;
            foreach (var p in bits.Skip(1))
            {
                var kv = p.Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim() == "q" && double.TryParse(kv[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) q = v;
            }
            if (q <= 0) continue;
            var specific = true;
            LibraryFormat? f = ByMediaType(type);
            if (f is null && (type == "*/*" || type == "text/*")) { f = LibraryFormat.Html; specific = false; }
            else if (f is null && type == "application/*") { f = LibraryFormat.Json; specific = false; }
            if (f is null) continue;
            // A specific type beats a wildcard of the same weight ("text/turtle, */*").
            if (best is null || q > bestQ || (q == bestQ && specific && !bestSpecific))
            {
                best = f; bestQ = q; bestSpecific = specific;
            }
        }
        return best;
    }
}
