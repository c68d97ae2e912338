namespace CklGen.Diff;

/// <summary>
/// Pairs old rules with new ones in three passes: by V-id; by legacy ids (an old rule's V-/SV-id
/// listed as a legacy id of a new rule, or the reverse, or a legacy id both list); by STIG id.
/// Each rule pairs at most once; earlier passes and earlier rules win.
/// </summary>
internal static class RuleMatcher
{
    /// <param name="vulnId">The rule's V-id.</param>
    /// <param name="identities">V-id, SV-id base and legacy id bases: the keys of the legacy pass.</param>
    /// <param name="stigId">The rule's STIG id (Rule_Ver).</param>
    public static Dictionary<T, (T Old, RuleMatch By)> Match<T>(IReadOnlyList<T> olds, IReadOnlyList<T> news,
        Func<T, string?> vulnId, Func<T, IEnumerable<string?>> identities, Func<T, string?> stigId) where T : class
    {
        var result = new Dictionary<T, (T, RuleMatch)>(ReferenceEqualityComparer.Instance);
        var freeOld = new List<T>(olds);

        void Pass(RuleMatch by, Func<T, IEnumerable<string?>> keys)
        {
            var index = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var o in freeOld)
                foreach (var k in Clean(keys(o)))
                    index.TryAdd(k, o);
            var taken = new HashSet<T>(ReferenceEqualityComparer.Instance);
            foreach (var n in news)
            {
                if (result.ContainsKey(n)) continue;
                foreach (var k in Clean(keys(n)))
                {
                    if (!index.TryGetValue(k, out var o) || taken.Contains(o)) continue;
                    result[n] = (o, by);
                    taken.Add(o);
                    break;
                }
            }
            freeOld.RemoveAll(taken.Contains);
        }

        Pass(RuleMatch.VulnId, r => [vulnId(r)]);
        Pass(RuleMatch.LegacyId, identities);
        Pass(RuleMatch.StigId, r => [stigId(r)]);
        return result;
    }

    static IEnumerable<string> Clean(IEnumerable<string?> ids) =>
        ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!.Trim());
}
