using System.Security.Cryptography;
using System.Text;

namespace CklGen.Checklists;

/// <summary>What a blank checklist says about its asset, and where its uuids and timestamps come from.</summary>
public sealed record ChecklistFactoryOptions
{
    public string HostName { get; init; } = "";
    public string HostIp { get; init; } = "";
    public string HostMac { get; init; } = "";
    public string HostFqdn { get; init; } = "";
    /// <summary>CKL ROLE: None, Workstation, Member Server or Domain Controller (STIG Viewer's default is None).</summary>
    public string Role { get; init; } = "None";
    /// <summary>Computing or Non-Computing.</summary>
    public string AssetType { get; init; } = "Computing";
    /// <summary>CKL TECH_AREA, one of the schema's values ("Exchange Server") or "".</summary>
    public string TechArea { get; init; } = "";
    /// <summary>CKL MARKING; null leaves the element out, as STIG Viewer 2 does.</summary>
    public string? Marking { get; init; }
    public string TargetComment { get; init; } = "";

    /// <summary>Makes the checklist, STIG and rule uuids.</summary>
    public Func<Guid> NewGuid { get; init; } = Guid.NewGuid;
    /// <summary>The time written as CKLB createdAt/updatedAt.</summary>
    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// Options whose uuids follow from <paramref name="seed"/> (the n-th uuid is the same on every run and
    /// platform) and whose clock stands still at <paramref name="time"/> (default 2024-01-01T00:00:00Z):
    /// for golden files and reproducible output.
    /// </summary>
    public static ChecklistFactoryOptions Deterministic(int seed, DateTimeOffset? time = null)
    {
        var fixedTime = time ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new ChecklistFactoryOptions { NewGuid = SeededGuids(seed), Now = () => fixedTime };
    }

    /// <summary>Version-4-shaped uuids from SHA-256 of "seed:n", n counting from 0.</summary>
    public static Func<Guid> SeededGuids(int seed)
    {
        long counter = -1;
        return () =>
        {
            var n = Interlocked.Increment(ref counter);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.ASCII.GetBytes($"{seed}:{n}"), hash);
            var bytes = hash[..16];
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores this group little-endian)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        };
    }
}
