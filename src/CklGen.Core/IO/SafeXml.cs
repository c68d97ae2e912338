using System.Xml;
using System.Xml.Linq;

namespace CklGen.IO;

/// <summary>
/// Loads XML with DTDs refused, no external resolution and a size ceiling, turning every
/// parser failure into an <see cref="InputException"/> that names the file.
/// </summary>
public static class SafeXml
{
    /// <summary>Largest document accepted, in characters (DISA benchmarks are well under 10 MB).</summary>
    public const long MaxCharacters = 256L * 1024 * 1024;

    public static XmlReaderSettings Settings(bool keepComments = true) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = !keepComments,
        IgnoreProcessingInstructions = false,
        CloseInput = false,
    };

    public static XDocument Load(string path, bool keepComments = true, LoadOptions options = LoadOptions.None, long maxBytes = MaxCharacters)
    {
        using var fs = InputFile.Open(path, maxBytes);
        return Load(fs, path, keepComments, options);
    }

    /// <summary>Deepest element nesting accepted. Real checklists and exports nest a few dozen levels at most;
    /// XDocument.Load slows with the square of the depth, so a hostile file could otherwise stall a run.</summary>
    public const int MaxDepth = 256;

    public static XDocument Load(Stream stream, string name, bool keepComments = true, LoadOptions options = LoadOptions.None)
    {
        // The depth pre-scan reads the stream twice, so it must be seekable.
        if (!stream.CanSeek) stream = InputFile.Buffer(stream, name, MaxCharacters);
        var start = stream.Position;
        return Load(() => { stream.Position = start; return XmlReader.Create(stream, Settings(keepComments)); }, name, options);
    }

    /// <summary>Parses XML held in a string (any encoding declaration in it is ignored), with the same safeguards.</summary>
    public static XDocument Parse(string text, string name, bool keepComments = true, LoadOptions options = LoadOptions.None)
    {
        return Load(() => XmlReader.Create(new StringReader(text), Settings(keepComments)), name, options);
    }

    static XDocument Load(Func<XmlReader> create, string name, LoadOptions options)
    {
        try
        {
            using (var scan = create())
                while (scan.Read())
                    if (scan.Depth > MaxDepth)
                        throw new InputException(name, $"elements are nested more than {MaxDepth} deep (line {(scan as IXmlLineInfo)?.LineNumber}); refused");
            using var reader = create();
            return XDocument.Load(reader, options);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException(name, "refused: the document declares a DTD (DTDs and external entities are not accepted)", inner: e);
        }
        catch (XmlException e)
        {
            throw new InputException(name, $"not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", inner: e);
        }
        catch (IOException e)
        {
            throw new InputException(name, "cannot be read: " + e.Message, inner: e);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new InputException(name, "bytes do not match the declared encoding: " + e.Message, inner: e);
        }
    }
}
