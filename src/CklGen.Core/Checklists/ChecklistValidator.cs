using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;
using CklGen.IO;

namespace CklGen.Checklists;

public enum ValidationSeverity { Error, Warning }

/// <summary>One finding of <see cref="ChecklistValidator"/>: where (file and a path such as iSTIG[1]/VULN[V-1234]) and what.</summary>
public sealed record ValidationProblem(ValidationSeverity Severity, string File, string Path, string Message)
{
    public string Location => Path.Length == 0 ? File : $"{File}: {Path}";

    public override string ToString() => $"{(Severity == ValidationSeverity.Error ? "error" : "warning")}: {Location}: {Message}";
}

/// <summary>
/// Checks a checklist file or model: CKL against DISA's schema (whose path the caller supplies; the
/// schema is not shipped with CklGen), and sense checks for both formats that the schema cannot
/// express or that importers (STIG Manager, STIG Viewer, eMASS) rely on. Reports every problem found
/// instead of stopping at the first; never throws for bad input.
/// </summary>
public static class ChecklistValidator
{
    /// <summary>XSD errors reported per file before the rest are summarised.</summary>
    public const int MaxSchemaErrors = 50;

    public static IReadOnlyList<ValidationProblem> Validate(string path, string? schemaPath)
    {
        var problems = new List<ValidationProblem>();
        ChecklistFormat format;
        try
        {
            format = ChecklistFile.Detect(path);
        }
        catch (InputException e)
        {
            problems.Add(new(ValidationSeverity.Error, path, e.Field ?? "", Strip(e, path)));
            return problems;
        }

        if (format == ChecklistFormat.Ckl)
        {
            // The bytes must match the declared encoding before anything is checked: never validate '?'s.
            string text;
            try
            {
                text = XmlDecoding.Decode(ChecklistText.ReadBytes(path), path);
            }
            catch (InputException e)
            {
                problems.Add(new(ValidationSeverity.Error, path, e.Field ?? "", Strip(e, path)));
                return problems;
            }
            problems.AddRange(ValidateSchema(new StringReader(text), path, schemaPath));
        }

        Checklist checklist;
        try
        {
            checklist = ChecklistFile.Read(path, keepUnrecognizedStatus: true);
        }
        catch (InputException e)
        {
            problems.Add(new(ValidationSeverity.Error, path, e.Field ?? "", Strip(e, path)));
            return problems;
        }
        problems.AddRange(Validate(checklist, path, format));
        return problems;
    }

    /// <summary>
    /// Checks a model before or after writing it: the sense checks, and for CKL the schema check of what
    /// <see cref="CklWriter"/> makes of it. <paramref name="name"/> is used as the file in locations.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Validate(Checklist checklist, string name, ChecklistFormat format, string? schemaPath)
    {
        var problems = new List<ValidationProblem>(Validate(checklist, name, format));
        if (format == ChecklistFormat.Ckl)
        {
            string text;
            try
            {
                text = CklWriter.ToText(checklist);
            }
            catch (CklGenException e)
            {
                problems.Add(new(ValidationSeverity.Error, name, "", "cannot be written as CKL: " + e.Message));
                return problems;
            }
            problems.AddRange(ValidateSchema(new StringReader(text), name, schemaPath));
        }
        return problems;
    }

    /// <summary>The sense checks on a model; paths are written in <paramref name="format"/>'s terms.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(Checklist checklist, string name, ChecklistFormat format)
    {
        var p = new List<ValidationProblem>();
        void Error(string path, string message) => p.Add(new(ValidationSeverity.Error, name, path, message));
        void Warn(string path, string message) => p.Add(new(ValidationSeverity.Warning, name, path, message));
        var ckl = format == ChecklistFormat.Ckl;

        var hostPath = ckl ? "ASSET/HOST_NAME" : "target_data.host_name";
        var host = checklist.Asset?.HostName;
        if (string.IsNullOrWhiteSpace(host)) Error(hostPath, "no host name: importers cannot tell which asset the checklist is for");
        else if (host.Length > 255) Warn(hostPath, $"host name is {host.Length} characters long; STIG Manager refuses more than 255");

        if (checklist.Stigs.Count == 0) Error(ckl ? "STIGS" : "stigs", "the checklist holds no STIG");

        var stigIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < checklist.Stigs.Count; i++)
        {
            var stig = checklist.Stigs[i];
            var stigPath = ckl ? $"iSTIG[{i + 1}]" : $"stigs[{i}]";
            if (string.IsNullOrWhiteSpace(stig.StigId)) Error(stigPath, "no STIG id (stigid / stig_id)");
            else if (stigIds.TryGetValue(stig.StigId, out var first))
                Error(stigPath, $"STIG {stig.StigId} appears again (first at {(ckl ? $"iSTIG[{first + 1}]" : $"stigs[{first}]")}); a checklist holds each STIG once");
            else stigIds[stig.StigId] = i;

            if (stig.Rules.Count == 0) Error(stigPath, "the STIG holds no rules");

            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var j = 0; j < stig.Rules.Count; j++)
            {
                var r = stig.Rules[j];
                var rulePath = string.IsNullOrWhiteSpace(r.VulnId)
                    ? (ckl ? $"{stigPath}/VULN[{j + 1}]" : $"{stigPath}.rules[{j}]")
                    : (ckl ? $"{stigPath}/VULN[{r.VulnId}]" : $"{stigPath}.rules[{r.VulnId}]");

                if (string.IsNullOrWhiteSpace(r.VulnId)) Error(rulePath, $"no rule group id ({(ckl ? "Vuln_Num" : "group_id")})");
                else if (seen.TryGetValue(r.VulnId.Trim(), out var k)) Error(rulePath, $"{r.VulnId} appears again in this STIG (rule {k + 1} and rule {j + 1})");
                else seen[r.VulnId.Trim()] = j;

                if (string.IsNullOrWhiteSpace(r.RuleId))
                    Error(rulePath, $"no rule id ({(ckl ? "Rule_ID" : "rule_id_src")}); STIG Manager skips such rules");

                if (r.UnrecognizedStatus is { } raw)
                {
                    var allowed = ckl ? "Open, NotAFinding, Not_Applicable, Not_Reviewed" : "open, not_a_finding, not_applicable, not_reviewed";
                    Error(rulePath, raw.Trim().Length == 0 ? $"no status (expected one of {allowed})" : $"status \"{raw}\" is not one of {allowed}");
                }

                var over = r.SeverityOverride?.Trim() ?? "";
                if (over.Length > 0)
                {
                    if (over is not ("low" or "medium" or "high")) Error(rulePath, $"severity override \"{r.SeverityOverride}\" is not low, medium or high");
                    if (string.IsNullOrWhiteSpace(r.SeverityJustification)) Error(rulePath, "severity override without a justification");
                }
                else if (!string.IsNullOrWhiteSpace(r.SeverityJustification))
                    Warn(rulePath, "severity justification without a severity override");
            }
        }
        return p;
    }

    /// <summary>
    /// Validates CKL XML against DISA's schema. When <paramref name="schemaPath"/> is null or missing, or the
    /// schema cannot be loaded, the result is a single warning saying the check was skipped.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateSchema(Stream ckl, string name, string? schemaPath) =>
        ValidateSchema(XmlReaderSettings => XmlReader.Create(ckl, XmlReaderSettings), name, schemaPath);

    public static IReadOnlyList<ValidationProblem> ValidateSchema(TextReader ckl, string name, string? schemaPath) =>
        ValidateSchema(XmlReaderSettings => XmlReader.Create(ckl, XmlReaderSettings), name, schemaPath);

    static IReadOnlyList<ValidationProblem> ValidateSchema(Func<XmlReaderSettings, XmlReader> open, string name, string? schemaPath)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrEmpty(schemaPath) || !File.Exists(schemaPath))
        {
            problems.Add(new(ValidationSeverity.Warning, name, "",
                "CKL schema not available" + (string.IsNullOrEmpty(schemaPath) ? "" : $" ({schemaPath} not found)") + "; schema validation skipped"));
            return problems;
        }
        XmlSchemaSet schemas;
        try
        {
            schemas = LoadSchema(schemaPath);
        }
        catch (InputException e)
        {
            problems.Add(new(ValidationSeverity.Error, name, "", $"CKL schema unusable: {e.Message}"));
            return problems;
        }

        var settings = SafeXml.Settings(keepComments: false);
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemas;
        var count = 0;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (++count > MaxSchemaErrors) return;
            var where = e.Exception is { LineNumber: > 0 } x ? $"line {x.LineNumber}, position {x.LinePosition}" : "";
            problems.Add(new(e.Severity == XmlSeverityType.Error ? ValidationSeverity.Error : ValidationSeverity.Warning, name, where, "schema: " + e.Message));
        };
        try
        {
            using var reader = open(settings);
            while (reader.Read()) { }
        }
        catch (XmlException e)
        {
            problems.Add(new(ValidationSeverity.Error, name, $"line {e.LineNumber}, position {e.LinePosition}", "not well-formed XML: " + e.Message));
        }
        if (count > MaxSchemaErrors)
            problems.Add(new(ValidationSeverity.Error, name, "", $"{count - MaxSchemaErrors} more schema errors not listed"));
        return problems;
    }

    static readonly ConcurrentDictionary<string, XmlSchemaSet> Schemas = new(StringComparer.Ordinal);

    /// <summary>Largest schema file read, in bytes (DISA's CKL schema is about 20 KB).</summary>
    const long MaxSchemaBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Loads a CKL schema, refusing (InputException naming the file) what is not an XML schema or is a schema
    /// that does not declare the CKL's CHECKLIST element: validating against it would call anything valid.
    /// </summary>
    public static XmlSchemaSet LoadSchema(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Schemas.TryGetValue(full, out var known)) return known;
        var text = XmlDecoding.Decode(InputFile.ReadAllBytes(path, MaxSchemaBytes), path);
        var set = new XmlSchemaSet { XmlResolver = null };
        try
        {
            using (var reader = XmlReader.Create(new StringReader(text), SafeXml.Settings(keepComments: false)))
            {
                reader.MoveToContent();
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "schema" || reader.NamespaceURI != XmlSchema.Namespace)
                    throw new InputException(path, $"not an XML schema (XSD): the root element is <{reader.LocalName}>, expected <xs:schema>");
                set.Add(null, reader);
            }
            set.Compile();
        }
        catch (XmlException e) { throw new InputException(path, $"not an XML schema: not well-formed XML (line {e.LineNumber}): {e.Message}", inner: e); }
        catch (XmlSchemaException e) { throw new InputException(path, $"not a usable XML schema (line {e.LineNumber}): {e.Message}", inner: e); }
        if (!set.GlobalElements.Names.OfType<XmlQualifiedName>().Any(n => n.Name == "CHECKLIST"))
            throw new InputException(path, "is an XML schema that declares no CHECKLIST element: not DISA's CKL schema (U_Checklist_Schema_V2.xsd)");
        return Schemas.GetOrAdd(full, set);
    }

    /// <summary>The InputException message without the leading "file: " it repeats.</summary>
    static string Strip(InputException e, string file)
    {
        var m = e.Message;
        if (m.StartsWith(file + ": ", StringComparison.Ordinal)) m = m[(file.Length + 2)..];
        if (e.Field is { } f && m.StartsWith(f + ": ", StringComparison.Ordinal)) m = m[(f.Length + 2)..];
        return m;
    }
}
