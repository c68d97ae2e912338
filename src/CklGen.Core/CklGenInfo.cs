using System.Reflection;

namespace CklGen;

/// <summary>Name and version of this tool, as written into checklists and reports.</summary>
public static class CklGenInfo
{
    public const string Product = "CklGen";

    public static string Version { get; } =
        typeof(CklGenInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CklGenInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
