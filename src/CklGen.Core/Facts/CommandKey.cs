namespace CklGen.Facts;

/// <summary>
/// A command key taken apart for matching: the command name, the parameter names it gives and the words of
/// its arguments. Words are runs of letters and digits; quotes, backslashes, underscores and other
/// punctuation only separate them, and case is ignored.
/// <para>
/// A folder export is named "Command__Arg_words" (docs/facts-format.md section 2): everything after "__"
/// is argument words and, as a file name cannot say which parameter they belong to, its parameters are
/// unknown unless a segment starts with '-' ("Get-X__-Identity_A"). Two keys match when the names and
/// the words are equal and, where both say, the parameter names too. So the rule key
/// <c>Get-EventLogLevel -Identity 'MSExchangeTransport\SmtpReceive'</c> matches the file
/// <c>Get-EventLogLevel__MSExchangeTransport_SmtpReceive.json</c>, while <c>Get-Mailbox -Arbitration</c>
/// does not match <c>Get-Mailbox</c>.
/// </para>
/// </summary>
public sealed class CommandKey
{
    public string Name { get; }
    /// <summary>Parameter names, lower case, without the dash; empty when none were given or not known.</summary>
    public IReadOnlyList<string> Parameters { get; }
    /// <summary>False for a file-name key that gives arguments without parameter names.</summary>
    public bool ParametersKnown { get; }
    public IReadOnlyList<string> Words { get; }

    CommandKey(string name, IReadOnlyList<string> parameters, bool parametersKnown, IReadOnlyList<string> words)
    {
        Name = name; Parameters = parameters; ParametersKnown = parametersKnown; Words = words;
    }

    public static CommandKey Parse(string key)
    {
        // DISA's texts (and Word) write parameters with an en or em dash: "Get-ExchangeServer –status".
        var text = key.Trim().Replace('\u2013', '-').Replace('\u2014', '-');
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        var first = text[..end];
        var sep = first.IndexOf("__", StringComparison.Ordinal);
        if (sep >= 0) return FromFileName(first[..sep], first[(sep + 2)..] + text[end..]);

        var parameters = new List<string>();
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char quote = '\0';
        void Flush() { if (word.Length > 0) { words.Add(word.ToString().ToLowerInvariant()); word.Clear(); } }
        for (var i = end; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\0' && c == '-' && char.IsWhiteSpace(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                Flush();
                var j = i + 1;
                while (j < text.Length && char.IsLetterOrDigit(text[j])) j++;
                parameters.Add(text[(i + 1)..j].ToLowerInvariant());
                i = j < text.Length && text[j] == ':' ? j : j - 1;
                continue;
            }
            if (c is '\'' or '"') quote = quote == '\0' ? c : quote == c ? '\0' : quote;
            if (char.IsLetterOrDigit(c)) word.Append(c); else Flush();
        }
        Flush();
        return new CommandKey(first.ToLowerInvariant(), parameters, true, words);
    }

    static CommandKey FromFileName(string name, string arguments)
    {
        var parameters = new List<string>();
        var words = new List<string>();
        foreach (var segment in arguments.Split(['_', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.Length > 1 && segment[0] == '-' && char.IsLetter(segment[1]))
            {
                parameters.Add(segment[1..].ToLowerInvariant());
                continue;
            }
            words.AddRange(SplitWords(segment));
        }
        return new CommandKey(name.ToLowerInvariant(), parameters, parameters.Count > 0 || words.Count == 0, words);
    }

    static IEnumerable<string> SplitWords(string s)
    {
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var inWord = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0) { yield return s[start..i].ToLowerInvariant(); start = -1; }
        }
    }

    public bool Matches(CommandKey other) =>
        Name == other.Name
        && Words.SequenceEqual(other.Words)
        && (!ParametersKnown || !other.ParametersKnown || Parameters.SequenceEqual(other.Parameters));

    public override string ToString() =>
        $"{Name} [{(ParametersKnown ? string.Join(' ', Parameters.Select(p => "-" + p)) : "?")}] {string.Join(' ', Words)}";
}
