using System.Security.Cryptography;
using System.Text;

namespace CklGen.Evaluation;

/// <summary>
/// Fingerprints of check texts. A catalog entry records the fingerprint of the text it was written
/// against; DISA re-numbers revisions without changing text and changes text under a new revision,
/// so the text, not the revision, decides whether an entry still applies.
/// </summary>
public static class CheckText
{
    /// <summary>First 16 hex digits of SHA-256 over the text with every run of white space made one space.</summary>
    public static string Fingerprint(string? checkContent)
    {
        var normalized = string.Join(' ', (checkContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
