using CklGen.IO;

namespace CklGen.Checklists;

/// <summary>Checklist file formats. Xccdf (XCCDF 1.2 results, see <see cref="XccdfResultsWriter"/>) is written
/// only: <see cref="ChecklistFile.Detect(string)"/> never returns it and reading such a file fails with a message that says so.</summary>
public enum ChecklistFormat { Ckl, Cklb, Xccdf }

/// <summary>Reads a checklist of either format, telling them apart by content, and writes one atomically.</summary>
public static class ChecklistFile
{
    /// <summary>
    /// Reads a CKL or CKLB file. Unless <paramref name="keepUnrecognizedStatus"/> is set, a rule whose status
    /// is none of the format's four values makes the file unusable (InputException) rather than being
    /// guessed at; validation sets it to report every such rule.
    /// </summary>
    public static Checklist Read(string path, bool keepUnrecognizedStatus = false)
    {
        var bytes = ChecklistText.ReadBytes(path);
        var checklist = Detect(bytes, path) switch
        {
            ChecklistFormat.Ckl => CklReader.ReadText(XmlDecoding.Decode(bytes, path), path),
            _ => CklbReader.ReadText(ChecklistText.Decode(bytes, path), path),
        };
        if (!keepUnrecognizedStatus) RefuseUnrecognizedStatus(checklist, path);
        return checklist;
    }

    /// <summary>Reads checklist text held in memory, as <see cref="Read"/> does.</summary>
    public static Checklist ReadText(string text, string name = "<text>", bool keepUnrecognizedStatus = false)
    {
        var checklist = DetectText(text, name) switch
        {
            ChecklistFormat.Ckl => CklReader.ReadText(text, name),
            _ => CklbReader.ReadText(text, name),
        };
        if (!keepUnrecognizedStatus) RefuseUnrecognizedStatus(checklist, name);
        return checklist;
    }

    /// <summary>The format of a file by its first character after any byte order mark and white space: '&lt;' CKL, '{' CKLB.</summary>
    public static ChecklistFormat Detect(string path) => Detect(ChecklistText.ReadBytes(path), path);

    public static ChecklistFormat Detect(byte[] bytes, string name)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            var utf16 = bytes[0] == 0xFF ? System.Text.Encoding.Unicode : System.Text.Encoding.BigEndianUnicode;
            return DetectText(utf16.GetString(bytes, 2, Math.Min(bytes.Length - 2, 512) & ~1), name);
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        for (var i = start; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            if (b == '<') return ChecklistFormat.Ckl;
            if (b == '{') return ChecklistFormat.Cklb;
            throw NotAChecklist(name);
        }
        throw new InputException(name, "the file is empty");
    }

    public static ChecklistFormat DetectText(string text, string name)
    {
        foreach (var ch in text)
        {
            if (ch is '\uFEFF' or ' ' or '\t' or '\r' or '\n') continue;
            if (ch == '<') return ChecklistFormat.Ckl;
            if (ch == '{') return ChecklistFormat.Cklb;
            break;
        }
        if (text.Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0) throw new InputException(name, "the file is empty");
        throw NotAChecklist(name);
    }

    static InputException NotAChecklist(string name) =>
        new(name, "neither a CKL (XML, starting with '<') nor a CKLB (JSON, starting with '{') checklist");

    /// <summary>The format a file name asks for: .cklb is CKLB, anything else CKL.</summary>
    public static ChecklistFormat FormatFromExtension(string path) =>
        string.Equals(Path.GetExtension(path), ".cklb", StringComparison.OrdinalIgnoreCase) ? ChecklistFormat.Cklb : ChecklistFormat.Ckl;

    public static string ToText(Checklist checklist, ChecklistFormat format, CklbWriter? cklbWriter = null, XccdfResultsWriter? xccdfWriter = null) => format switch
    {
        ChecklistFormat.Ckl => CklWriter.ToText(checklist),
        ChecklistFormat.Cklb => (cklbWriter ?? CklbWriter.Default).ToText(checklist),
        ChecklistFormat.Xccdf => (xccdfWriter ?? XccdfResultsWriter.Default).ToText(checklist),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The bytes of <see cref="ToText"/> in UTF-8, streamed where the format's writer can (CKL, CKLB).</summary>
    public static void WriteTo(Stream stream, Checklist checklist, ChecklistFormat format, CklbWriter? cklbWriter = null, XccdfResultsWriter? xccdfWriter = null)
    {
        switch (format)
        {
            case ChecklistFormat.Ckl: CklWriter.Write(checklist, stream); break;
            case ChecklistFormat.Cklb: (cklbWriter ?? CklbWriter.Default).Write(checklist, stream); break;
            default: stream.Write(AtomicFile.Utf8NoBom.GetBytes(ToText(checklist, format, cklbWriter, xccdfWriter))); break;
        }
    }

    /// <summary>Writes atomically (never a half-written file); an existing file is kept unless <paramref name="overwrite"/>.</summary>
    public static void Write(Checklist checklist, string path, ChecklistFormat format, bool overwrite, CklbWriter? cklbWriter = null, XccdfResultsWriter? xccdfWriter = null) =>
        Write(checklist, path, format, new OutputOptions(overwrite), cklbWriter, xccdfWriter);

    public static void Write(Checklist checklist, string path, ChecklistFormat format, OutputOptions options, CklbWriter? cklbWriter = null, XccdfResultsWriter? xccdfWriter = null)
    {
        // Serialise first, so that a model the format cannot carry fails before any file is touched.
        var text = ToText(checklist, format, cklbWriter, xccdfWriter);
        AtomicFile.WriteText(path, text, options);
    }

    static void RefuseUnrecognizedStatus(Checklist checklist, string name)
    {
        var bad = new List<string>();
        for (var i = 0; i < checklist.Stigs.Count; i++)
            foreach (var r in checklist.Stigs[i].Rules)
                if (r.UnrecognizedStatus is not null) bad.Add($"{checklist.Stigs[i].StigId}/{r.VulnId} \"{r.UnrecognizedStatus}\"");
        if (bad.Count == 0) return;
        var shown = string.Join(", ", bad.Take(5)) + (bad.Count > 5 ? $" and {bad.Count - 5} more" : "");
        throw new InputException(name, $"{bad.Count} rule(s) have a status that is not a checklist status (run validate for the full list): {shown}", "status");
    }
}
