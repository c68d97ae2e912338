using System.Collections;
using System.Reflection;
using CommandLine;
using CommandLine.Text;

namespace CklGen.Cli;

/// <summary>
/// What the command line prints about itself: a verb's help (its options, then examples written as one
/// copy-pasteable line each, values in the case the parser takes) and one line per mistake, with the
/// nearest verb or option suggested.
/// </summary>
static class CliHelp
{
    static string Heading => $"{CklGenInfo.Product} {CklGenInfo.Version}";

    public static string Verb(Type options, string program) =>
        options.GetCustomAttribute<VerbAttribute>()?.Name is { } name ? $"{program} {name}" : program;

    /// <summary>A verb's help: what it does, its options, the exit codes and its examples.</summary>
    public static string VerbHelp(ParserResult<object> result, string program)
    {
        var type = result.TypeInfo.Current;
        var h = new HelpText(Heading, "")
        {
            AddDashesToOption = true,
            AdditionalNewLineAfterOption = false,
            MaximumDisplayWidth = 100,
        };
        if (type.GetCustomAttribute<VerbAttribute>() is { } verb)
        {
            h.AddPreOptionsLine($"{Verb(type, program)}: {verb.HelpText}");
        }
        h.AddOptions(result);
        h.AddPostOptionsLine(ExitCodes.HelpText);
        var text = h.ToString().TrimEnd();
        // An enum option's default in the case the examples use and the parser takes.
        foreach (var o in type.GetProperties().Select(p => p.GetCustomAttribute<OptionAttribute>()).OfType<OptionAttribute>())
            if (o.Default is Enum e) text = text.Replace($"(Default: {e})", $"(Default: {e.ToString().ToLowerInvariant()})");
        var examples = Examples(type, program).ToList();
        if (examples.Count == 0) return text + Environment.NewLine;
        var lines = new List<string> { text, "", "Examples:" };
        foreach (var (title, line) in examples)
        {
            lines.Add($"  {title}:");
            lines.Add($"    {line}");
        }
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    /// <summary>The verb's [Usage] examples, each as one command line (never wrapped).</summary>
    public static IEnumerable<(string Title, string Line)> Examples(Type options, string program)
    {
        var usage = options.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(p => p.GetCustomAttribute<UsageAttribute>() is not null);
        if (usage?.GetValue(null) is not IEnumerable<Example> examples) yield break;
        foreach (var e in examples) yield return (e.HelpText, string.Join(' ', Arguments(e.Sample).Select(Quote).Prepend(Verb(options, program))));
    }

    /// <summary>The arguments that give <paramref name="sample"/>'s values: positional values first, then each option not at its default.</summary>
    public static IEnumerable<string> Arguments(object sample)
    {
        var type = sample.GetType();
        var fresh = Activator.CreateInstance(type);
        var values = new List<string>();
        var options = new List<string>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var v = p.GetValue(sample);
            if (p.GetCustomAttribute<ValueAttribute>() is not null)
            {
                values.AddRange(Texts(v));
                continue;
            }
            if (p.GetCustomAttribute<OptionAttribute>() is not { } o) continue;
            if (v is null || Equals(v, o.Default) || Equals(v, p.GetValue(fresh)) || v is false) continue;
            var name = string.IsNullOrEmpty(o.LongName) ? "-" + o.ShortName : "--" + o.LongName;
            if (v is true) { options.Add(name); continue; }
            var texts = Texts(v).ToList();
            if (texts.Count == 0) continue;
            if (v is not string && v is IEnumerable && o.Separator != '\0') options.AddRange([name, string.Join(o.Separator, texts)]);
            else foreach (var t in texts) options.AddRange([name, t]);
        }
        // A value that looks like an option would need "--" before it; examples have none.
        return values.Concat(options);
    }

    static IEnumerable<string> Texts(object? v) => v switch
    {
        null => [],
        string s => s.Length == 0 ? [] : [s],
        Enum e => [e.ToString().ToLowerInvariant()],
        IEnumerable list => list.Cast<object?>().SelectMany(Texts),
        IFormattable f => [f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)],
        _ => [v.ToString() ?? ""],
    };

    /// <summary>Quotes what a shell would split or expand, with single quotes (the same in sh and PowerShell).</summary>
    static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,@%+\\".Contains(c)) ? a : "'" + a.Replace("'", "''") + "'";

    /// <summary>One line per mistake, each naming what is wrong and, for a typo, the nearest right spelling.</summary>
    public static IEnumerable<string> Mistakes(IEnumerable<Error> errors, Type? verb, string[] args, IReadOnlyList<Type> verbs, string program)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = errors.ToList();
        // An option given with a bad value is not also "missing".
        var given = list.OfType<NamedError>().Where(e => e is BadFormatConversionError or MissingValueOptionError).Select(e => e.NameInfo).ToList();
        foreach (var e in list)
        {
            if (e is MissingRequiredOptionError m && given.Any(n => n.Equals(m.NameInfo))) continue;
            var line = Mistake(e, verb, args, verbs, program);
            if (line is not null && seen.Add(line)) yield return line;
        }
    }

    static string? Mistake(Error e, Type? verb, string[] args, IReadOnlyList<Type> verbs, string program)
    {
        var where = verb is null ? program : Verb(verb, program);
        switch (e)
        {
            case BadVerbSelectedError bad:
            {
                var names = verbs.Select(t => t.GetCustomAttribute<VerbAttribute>()?.Name).OfType<string>().ToList();
                var near = Nearest(bad.Token, names);
                return near is null
                    ? $"unknown command '{bad.Token}' for '{program}'; the commands are {string.Join(", ", names)}"
                    : $"unknown command '{bad.Token}'{(program == "cklgen" ? "" : $" for '{program}'")}; did you mean '{near}'?";
            }
            case UnknownOptionError unknown:
            {
                var token = unknown.Token;
                var given = (token.Length == 1 ? "-" : "--") + token;
                var near = verb is null ? null : Nearest(given, OptionNames(verb).ToList());
                return $"unknown option '{given}' for '{where}'" + (near is null ? $"; see '{HelpCommand(where)}'" : $"; did you mean '{near}'?");
            }
            case BadFormatConversionError format:
            {
                var name = Display(format.NameInfo);
                var prop = verb is null ? null : Property(verb, format.NameInfo);
                var value = GivenValue(args, format.NameInfo);
                var type = prop is null ? null : Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
                var shown = value is null ? "the value given" : $"'{value}'";
                if (type is { IsEnum: true })
                    return $"{name}: {shown} is not one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}";
                if (type is not null && (type == typeof(int) || type == typeof(long)))
                    return $"{name}: {shown} is not a whole number";
                return $"{name}: {shown} is not a valid value";
            }
            case MissingValueOptionError missing:
                return $"{Display(missing.NameInfo)} needs a value";
            case MissingRequiredOptionError required when required.NameInfo.Equals(NameInfo.EmptyName):
            case SequenceOutOfRangeError range when range.NameInfo.Equals(NameInfo.EmptyName):
                return $"'{where}' needs {MissingValue(verb, args)}";
            case MissingRequiredOptionError required:
                return $"missing required option {Display(required.NameInfo)} for '{where}'";
            case SequenceOutOfRangeError range:
                return $"{Display(range.NameInfo)}: wrong number of values";
            case RepeatedOptionError repeated:
                return $"{Display(repeated.NameInfo)} is given more than once; give it once";
            case NoVerbSelectedError:
                return $"no command given; the commands are {string.Join(", ", verbs.Select(t => t.GetCustomAttribute<VerbAttribute>()?.Name).OfType<string>())}";
            default:
                return SentenceBuilder.Create().FormatError(e);
        }
    }

    /// <summary>"cklgen help generate" for "cklgen generate".</summary>
    public static string HelpCommand(string where) =>
        where == "cklgen" ? "cklgen --help" : "cklgen help " + where["cklgen ".Length..];

    static string Display(NameInfo n) => string.IsNullOrEmpty(n.LongName) ? "-" + n.ShortName : "--" + n.LongName;

    static IEnumerable<string> OptionNames(Type verb) =>
        verb.GetProperties().Select(p => p.GetCustomAttribute<OptionAttribute>()).OfType<OptionAttribute>()
            .SelectMany(o => new[] { string.IsNullOrEmpty(o.LongName) ? null : "--" + o.LongName })
            .Append("--help").OfType<string>();

    static PropertyInfo? Property(Type verb, NameInfo n) => verb.GetProperties().FirstOrDefault(p =>
        p.GetCustomAttribute<OptionAttribute>() is { } o && (o.LongName == n.LongName && !string.IsNullOrEmpty(n.LongName) || o.ShortName == n.ShortName && !string.IsNullOrEmpty(n.ShortName)));

    static string? GivenValue(string[] args, NameInfo n)
    {
        var names = new[] { string.IsNullOrEmpty(n.LongName) ? null : "--" + n.LongName, string.IsNullOrEmpty(n.ShortName) ? null : "-" + n.ShortName }.OfType<string>().ToList();
        for (var i = 0; i < args.Length; i++)
        {
            foreach (var name in names)
            {
                if (args[i] == name && i + 1 < args.Length) return args[i + 1];
                if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
            }
        }
        return null;
    }

    /// <summary>The first positional argument not given ("FILE", "OLD and NEW").</summary>
    static string MissingValue(Type? verb, string[] args)
    {
        if (verb is null) return "an argument";
        var values = verb.GetProperties()
            .Select(p => (Prop: p, Value: p.GetCustomAttribute<ValueAttribute>()))
            .Where(x => x.Value is not null && (x.Value.Required || x.Value.Min > 0))
            .OrderBy(x => x.Value!.Index).ToList();
        if (values.Count == 0) return "an argument";
        var valueOptions = verb.GetProperties().Where(p => p.PropertyType != typeof(bool))
            .Select(p => p.GetCustomAttribute<OptionAttribute>()).OfType<OptionAttribute>()
            .SelectMany(o => new[] { "--" + o.LongName, "-" + o.ShortName }).ToHashSet(StringComparer.Ordinal);
        var given = 0;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--") { given += args.Length - i - 1; break; }
            if (args[i].StartsWith('-')) { if (valueOptions.Contains(args[i])) i++; continue; }
            given++;
        }
        var missing = values.Skip(Math.Min(given, values.Count - 1)).Select(x => Meta(x.Prop, x.Value!)).ToList();
        return string.Join(" and ", missing);
    }

    static string Meta(PropertyInfo p, ValueAttribute v)
    {
        var meta = string.IsNullOrEmpty(v.MetaName) ? p.Name.ToUpperInvariant() : v.MetaName;
        return p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType) ? $"at least one {meta}" : meta;
    }

    /// <summary>The candidate nearest to <paramref name="given"/>, when it is near enough to be a typo of it.</summary>
    public static string? Nearest(string given, IReadOnlyCollection<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
        if (best.Name is null) return null;
        var prefix = candidates.Where(c => c.StartsWith(given, StringComparison.OrdinalIgnoreCase) && given.TrimStart('-').Length >= 3).ToList();
        if (best.Distance <= Math.Max(1, Math.Min(3, given.TrimStart('-').Length / 3))) return best.Name;
        return prefix.Count == 1 ? prefix[0] : null;
    }

    /// <summary>Levenshtein distance, with a swap of two neighbours counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
