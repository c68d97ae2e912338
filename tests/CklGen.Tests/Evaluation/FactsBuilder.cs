using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>Builds facts snapshots in memory, shaped as the facts reader produces them.</summary>
sealed class FactsBuilder
{
    readonly Dictionary<string, CommandOutput> commands = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> errors = new(StringComparer.OrdinalIgnoreCase);

    public FactsBuilder With(string command, params JObject[] objects)
    {
        commands[command] = new CommandOutput
        {
            Command = command,
            SourceFile = "test-facts.json",
            Objects = objects.Select(o => new FactObject(o.Properties().ToDictionary(p => p.Name, p => (JToken?)p.Value))).ToList(),
        };
        return this;
    }

    string? installPath;

    /// <summary>Sets host.exchangeInstallPath.</summary>
    public FactsBuilder InstallPath(string path)
    {
        installPath = path;
        return this;
    }

    public FactsBuilder Failed(string command, string error)
    {
        errors[command] = error;
        return this;
    }

    public FactsSnapshot Build() => new()
    {
        SourcePath = "test-facts.json",
        CollectedAt = "2026-11-01T14:03:22Z",
        Collector = "test",
        Host = new FactsHost { Name = "EXTEST01", ExchangeInstallPath = installPath },
        Commands = commands,
        Errors = errors,
    };
}
