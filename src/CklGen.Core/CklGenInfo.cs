using System.Reflection;

namespace CklGen;

/// <summary>Name and version of this tool, as written into checklists and reports.</summary>
public static class CklGenInfo
{
    public const string Product = "CklGen";

    public static string Version { get; } =
        typeof(CklGenInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CklGenInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The git commit the build came from (the SDK's source revision after '+'), or null when built outside git.</summary>
    public static string? Commit { get; } =
        typeof(CklGenInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var c, ..] && c.Length > 0 ? c : null;

    /// <summary>What --version prints: product, version and the commit it was built from.</summary>
    public static string VersionLine => $"{Product} {Version} (commit {(Commit is null ? "unknown: built outside git" : Commit)})";
}
