using Newtonsoft.Json.Linq;

namespace CklGen.Facts;

/// <summary>
/// What was collected from one Exchange server (see docs/facts-format.md in shared): who the host
/// is and the output of each command. Every property value is kept as a JToken in the form it
/// arrived in (CLIXML is translated to the equivalent JSON forms); <see cref="ValueForms"/> reads
/// meanings out of them.
/// </summary>
public sealed class FactsSnapshot
{
    /// <summary>The file or folder the snapshot was read from.</summary>
    public required string SourcePath { get; init; }
    public int FormatVersion { get; init; } = 1;
    /// <summary>collectedAt as written (ISO 8601), when given.</summary>
    public string? CollectedAt { get; init; }
    public string? Collector { get; init; }
    public FactsHost Host { get; init; } = new();
    public string? ExchangeVersion { get; init; }
    /// <summary>Get-ExchangeServer's ServerRole: Mailbox, Edge, HubTransport, ClientAccess or a comma list.</summary>
    public string? ServerRole { get; init; }

    /// <summary>SHA-256 of the facts file, or of the folder's manifest (one "sha256  name" line per file read).</summary>
    public string? Sha256 { get; set; }
    /// <summary>"file" or "folder manifest": what <see cref="Sha256"/> is of.</summary>
    public string? Sha256Of { get; set; }

    /// <summary>Commands that ran, by their key as written (matching ignores case).</summary>
    public IReadOnlyDictionary<string, CommandOutput> Commands { get; init; } =
        new Dictionary<string, CommandOutput>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Commands that ran and failed: key to error message.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What is known of a command: collected (with its objects, possibly none), failed, or absent.
    /// Keys match as <see cref="CommandKey.Matches"/> says: same command name and argument words, case and
    /// punctuation ignored, parameter names compared where both keys give them (folder file names do not).
    /// A key equal to the query but for case and white space wins; when several others match and none is
    /// equal, the lookup is Failed with an error naming them, never a guess.
    /// </summary>
    public CommandLookup Lookup(string command)
    {
        var wanted = CommandKey.Parse(command);
        var norm = NormalizeKey(command);
        var hits = Commands.Where(kv => CommandKey.Parse(kv.Key).Matches(wanted))
            .Select(kv => (kv.Key, Lookup: Errors.TryGetValue(kv.Key, out var partial)
                ? new CommandLookup(command, CommandState.Failed, kv.Value,
                    $"it ran but failed part way ({partial}), so its {kv.Value.Objects.Count} returned object(s) may be incomplete")
                : new CommandLookup(command, CommandState.Collected, kv.Value, null)))
            .Concat(Errors.Where(kv => !Commands.ContainsKey(kv.Key) && CommandKey.Parse(kv.Key).Matches(wanted))
                .Select(kv => (kv.Key, Lookup: new CommandLookup(command, CommandState.Failed, null, kv.Value))))
            .ToList();
        if (hits.Count > 1 && hits.Where(h => NormalizeKey(h.Key) == norm).ToList() is [var exact]) return exact.Lookup;
        return hits.Count switch
        {
            0 => new CommandLookup(command, CommandState.Absent, null, null),
            1 => hits[0].Lookup,
            _ => new CommandLookup(command, CommandState.Failed, null,
                $"ambiguous: the facts hold {string.Join(" and ", hits.Select(h => $"'{h.Key}'"))}, which all match '{command}'"),
        };
    }

    public static string NormalizeKey(string command) =>
        string.Join(' ', command.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

public sealed class FactsHost
{
    public string? Name { get; init; }
    public string? Fqdn { get; init; }
    public IReadOnlyList<string> Ip { get; init; } = [];
    public IReadOnlyList<string> Mac { get; init; } = [];
    /// <summary>STIG Viewer asset role: None, Workstation, Member Server, Domain Controller.</summary>
    public string? Role { get; init; }
    /// <summary>The Windows system drive ("C:"), when collected.</summary>
    public string? SystemDrive { get; init; }
    /// <summary>$env:ExchangeInstallPath ("C:\Program Files\Microsoft\Exchange Server\V15\"), when collected.</summary>
    public string? ExchangeInstallPath { get; init; }
}

/// <summary>The objects one command returned, and where they came from.</summary>
public sealed class CommandOutput
{
    public required string Command { get; init; }
    /// <summary>The file the output was read from (the snapshot, or the per-command export).</summary>
    public required string SourceFile { get; init; }
    public required IReadOnlyList<FactObject> Objects { get; init; }
}

/// <summary>One returned object: property name (case-insensitive) to raw value.</summary>
public sealed class FactObject
{
    public FactObject(IReadOnlyDictionary<string, JToken?> properties) =>
        Properties = new Dictionary<string, JToken?>(properties, StringComparer.OrdinalIgnoreCase);

    FactObject(Dictionary<string, JToken?> owned) => Properties = owned;

    /// <summary>Takes the dictionary as it is (it must ignore case) rather than copying it: readers build one per object.</summary>
    internal static FactObject Own(Dictionary<string, JToken?> properties) =>
        properties.Comparer == StringComparer.OrdinalIgnoreCase ? new FactObject(properties) : new FactObject((IReadOnlyDictionary<string, JToken?>)properties);

    public IReadOnlyDictionary<string, JToken?> Properties { get; }

    /// <summary>The value, or null when the object has no such property (a JSON null is JTokenType.Null).</summary>
    public JToken? Get(string property) => Properties.TryGetValue(property, out var v) ? v ?? JValue.CreateNull() : null;

    public bool Has(string property) => Properties.ContainsKey(property);

    /// <summary>Name (or Identity) for finding details.</summary>
    public string DisplayName =>
        (Get("Name") ?? Get("Identity") ?? Get("DisplayName"))?.ToString() is { Length: > 0 } n ? n : "(unnamed)";
}

public enum CommandState { Collected, Failed, Absent }

public sealed record CommandLookup(string Command, CommandState State, CommandOutput? Output, string? Error);
