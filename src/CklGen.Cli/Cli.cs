using CommandLine;
using CklGen.Cli.Commands;
using CommandLine.Text;

namespace CklGen.Cli;

/// <summary>
/// Entry point: parses the verb and its options, runs it, and maps errors to exit codes.
/// Results go to stdout, errors and progress to stderr.
/// </summary>
public static class Cli
{
    /// <summary>Top-level verbs; each options type has a static Run(options, CliContext) on its command class.</summary>
    static readonly (Type Options, Func<object, CliContext, int> Run)[] Verbs =
    [
        (typeof(GenerateOptions), (o, c) => GenerateCommand.Run((GenerateOptions)o, c)),
        (typeof(EvaluateOptions), (o, c) => EvaluateCommand.Run((EvaluateOptions)o, c)),
        (typeof(ConvertOptions), (o, c) => ConvertCommand.Run((ConvertOptions)o, c)),
        (typeof(ValidateOptions), (o, c) => ValidateCommand.Run((ValidateOptions)o, c)),
        (typeof(DiffOptions), (o, c) => DiffCommand.Run((DiffOptions)o, c)),
        (typeof(BenchmarksGroupOptions), (o, c) => BenchmarksCommand.RunGroup((BenchmarksGroupOptions)o, c)),
        (typeof(ReportOptions), (o, c) => ReportCommand.Run((ReportOptions)o, c)),
        (typeof(CoverageOptions), (o, c) => CoverageCommand.Run((CoverageOptions)o, c)),
        (typeof(RulesGroupOptions), (o, c) => RulesCommand.RunGroup((RulesGroupOptions)o, c)),
        (typeof(LibraryGroupOptions), (o, c) => LibraryCommand.RunGroup((LibraryGroupOptions)o, c)),
    ];

    /// <summary>Verb groups ("rules show", "benchmarks diff"): group name to its sub-verbs.</summary>
    static readonly Dictionary<string, (Type Options, Func<object, CliContext, int> Run)[]> Groups = new(StringComparer.Ordinal)
    {
        ["benchmarks"] = [(typeof(BenchmarksDiffOptions), (o, c) => BenchmarksCommand.Diff((BenchmarksDiffOptions)o, c))],
        ["rules"] =
        [
            (typeof(RulesShowOptions), (o, c) => RulesCommand.Show((RulesShowOptions)o, c)),
            (typeof(RulesSearchOptions), (o, c) => RulesCommand.Search((RulesSearchOptions)o, c)),
        ],
        ["library"] =
        [
            (typeof(LibraryBuildOptions), (o, c) => LibraryCommand.Build((LibraryBuildOptions)o, c)),
            (typeof(LibraryServeOptions), (o, c) => LibraryCommand.Serve((LibraryServeOptions)o, c)),
        ],
    };

    public static int Run(string[] args) => Run(args, new CliContext(Console.Out, Console.Error));

    public static int Run(string[] args, CliContext ctx)
    {
        try
        {
            args = HelpVerb(args);
            if (args.Length > 0 && Groups.TryGetValue(args[0], out var sub))
                return Dispatch(args[1..], sub, ctx, "cklgen " + args[0]);
            return Dispatch(args, Verbs, ctx, "cklgen");
        }
        catch (OverwriteRefusedException e)
        {
            ctx.Error.WriteLine("cklgen: refused: " + IO.Shown.Message(e.Message));
            return ExitCodes.RefusedOverwrite;
        }
        catch (Exception e) when (e is UsageException or Generation.GenerationUsageException)
        {
            ctx.Error.WriteLine("cklgen: usage: " + IO.Shown.Message(e.Message));
            return ExitCodes.Usage;
        }
        catch (CklGenException e)
        {
            ctx.Error.WriteLine("cklgen: error: " + IO.Shown.Message(WithOption(e, args)));
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The operating system refused a file operation no reader anticipated; its message names the path.
            ctx.Error.WriteLine("cklgen: error: " + IO.Shown.Message(e.Message));
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            ctx.Error.WriteLine($"cklgen: internal error ({e.GetType().Name}): {e.Message}");
            ctx.Error.WriteLine("This is a bug in CklGen; please report it with the command you ran.");
            if (Environment.GetEnvironmentVariable("CKLGEN_DEBUG") == "1") ctx.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Names (--facts, -o) of the options that take a value, across all verbs.</summary>
    static readonly Lazy<HashSet<string>> ValueOptions = new(() => Verbs.Concat(Groups.Values.SelectMany(g => g))
        .SelectMany(v => v.Options.GetProperties())
        .Where(p => p.PropertyType != typeof(bool))
        .SelectMany(p => p.GetCustomAttributes(typeof(OptionAttribute), false).OfType<OptionAttribute>())
        .SelectMany(o => new[] { string.IsNullOrEmpty(o.LongName) ? null : "--" + o.LongName, string.IsNullOrEmpty(o.ShortName) ? null : "-" + o.ShortName })
        .OfType<string>().ToHashSet(StringComparer.Ordinal));

    /// <summary>An input error about a file given with an option (--facts x.json) names that option first.</summary>
    static string WithOption(CklGenException e, string[] args)
    {
        if (e is not InputException { File: { Length: > 0 } file } || e is IO.OutputPathException || e.Message.StartsWith('-')) return e.Message;
        var end = Array.IndexOf(args, "--");
        for (var i = 1; i < (end < 0 ? args.Length : end); i++)
        {
            var a = args[i];
            string? option = null, value = null;
            if (a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=') is > 2 and var eq) (option, value) = (a[..eq], a[(eq + 1)..]);
            else if (a.StartsWith('-') && a.Length > 1 && i + 1 < args.Length && !args[i + 1].StartsWith('-')) (option, value) = (a, args[i + 1]);
            if (option is null || string.IsNullOrEmpty(value) || !ValueOptions.Value.Contains(option)) continue;
            if (IsOrUnder(file, value) || IsOrUnder(Full(file), Full(value)))
                return $"{option} {e.Message}";
        }
        return e.Message;

        // A reader may name the file by its full path (a folder's exports are read by full path): compare both ways.
        static bool IsOrUnder(string file, string value) =>
            value.Length > 0 && (file == value || file.StartsWith(value.TrimEnd('/', '\\') + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || file.StartsWith(value + "!", StringComparison.Ordinal));

        static string Full(string path)
        {
            try { return Path.GetFullPath(path); }
            catch (Exception x) when (x is ArgumentException or NotSupportedException or PathTooLongException) { return ""; }
        }
    }

    /// <summary>A single-valued option given twice (--out a --out b) is a usage error, not "the last one wins".</summary>
    static void RefuseRepeatedScalars(string[] args, IEnumerable<Type> optionTypes)
    {
        if (args.Length == 0) return;
        var type = optionTypes.FirstOrDefault(t => t.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().Any(v => v.Name == args[0]));
        if (type is null) return;
        foreach (var prop in type.GetProperties())
        {
            if (prop.GetCustomAttributes(typeof(OptionAttribute), false).FirstOrDefault() is not OptionAttribute opt) continue;
            if (prop.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(prop.PropertyType)) continue;
            var names = new List<string>();
            if (!string.IsNullOrEmpty(opt.LongName)) names.Add("--" + opt.LongName);
            if (!string.IsNullOrEmpty(opt.ShortName)) names.Add("-" + opt.ShortName);
            var count = args.Skip(1).TakeWhile(a => a != "--")
                .Count(a => names.Any(n => a == n || a.StartsWith(n + "=", StringComparison.Ordinal)));
            if (count > 1) throw new UsageException($"--{opt.LongName} is given {count} times; give it once");
        }
    }

    /// <summary>"help VERB" (and "help GROUP VERB") is "VERB --help".</summary>
    static string[] HelpVerb(string[] args)
    {
        // "rules help show", the parser's own form inside a group.
        if (args.Length > 2 && Groups.ContainsKey(args[0]) && args[1] == "help") return [args[0], args[2], "--help"];
        if (args.Length == 0 || args[0] != "help") return args;
        if (args.Length == 1) return ["--help"];
        if (Groups.ContainsKey(args[1])) return args.Length > 2 ? [args[1], args[2], "--help"] : [args[1], "--help"];
        return [args[1], "--help"];
    }

    static Parser NewParser() => new(s =>
    {
        s.HelpWriter = null;
        s.CaseInsensitiveEnumValues = true;
        s.AutoVersion = true;
        s.MaximumDisplayWidth = 100;
        // "Repeat for several" (--benchmark, --answers) needs this; RefuseRepeatedScalars keeps
        // single-valued options from silently taking the last of several values.
        s.AllowMultiInstance = true;
        // "--" ends the options: a file named "-oREPORT.ckl" can be given after it.
        s.EnableDashDash = true;
    });

    /// <summary>
    /// Parses a command line without running it: null when it names a command and its options parse,
    /// else the lines it would print as mistakes. For tests of the help's examples.
    /// </summary>
    public static IReadOnlyList<string>? ParseOnly(string[] args)
    {
        args = HelpVerb(args);
        var (verbs, program, rest) = args.Length > 0 && Groups.TryGetValue(args[0], out var sub)
            ? (sub, "cklgen " + args[0], args[1..]) : (Verbs, "cklgen", args);
        try { RefuseRepeatedScalars(rest, verbs.Select(v => v.Options)); }
        catch (UsageException e) { return [e.Message]; }
        var result = NewParser().ParseArguments(rest, verbs.Select(v => v.Options).ToArray());
        if (result is Parsed<object> parsed)
            return Groups.ContainsKey(parsed.Value.GetType().GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().Single().Name) && verbs == Verbs
                ? ["names a group of commands, not a command"] : null;
        var errors = ((NotParsed<object>)result).Errors.ToList();
        var verbType = verbs.Any(v => v.Options == result.TypeInfo.Current) ? result.TypeInfo.Current : null;
        return CliHelp.Mistakes(errors, verbType, rest, verbs.Select(v => v.Options).ToList(), program).ToList();
    }

    /// <summary>Every command that runs ("cklgen generate", "cklgen rules show") with its options type.</summary>
    public static IEnumerable<(string Command, Type Options)> Commands() =>
        Verbs.Where(v => !Groups.ContainsKey(Name(v.Options))).Select(v => ("cklgen " + Name(v.Options), v.Options))
            .Concat(Groups.SelectMany(g => g.Value.Select(v => ($"cklgen {g.Key} {Name(v.Options)}", v.Options))));

    /// <summary>A command's examples, each one command line.</summary>
    public static IEnumerable<(string Title, string Line)> Examples(string command)
    {
        var (_, type) = Commands().Single(c => c.Command == command);
        var program = command[..command.LastIndexOf(' ')];
        return CliHelp.Examples(type, program);
    }

    static string Name(Type options) => options.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().Single().Name;

    static int Dispatch(string[] args, (Type Options, Func<object, CliContext, int> Run)[] verbs, CliContext ctx, string program)
    {
        RefuseRepeatedScalars(args, verbs.Select(v => v.Options));
        var result = NewParser().ParseArguments(args, verbs.Select(v => v.Options).ToArray());
        if (result is Parsed<object> parsed)
        {
            var verb = verbs.First(v => v.Options == parsed.Value.GetType());
            return verb.Run(parsed.Value, ctx);
        }
        var errors = ((NotParsed<object>)result).Errors.ToList();
        var verbType = verbs.Any(v => v.Options == result.TypeInfo.Current) ? result.TypeInfo.Current : null;
        if (errors.IsVersion())
        {
            ctx.Out.WriteLine(CklGenInfo.VersionLine);
            return ExitCodes.Success;
        }
        if (errors.IsHelp() && verbType is not null && !errors.Any(e => e is HelpVerbRequestedError))
        {
            ctx.Out.Write(CliHelp.VerbHelp(result, program));
            return ExitCodes.Success;
        }
        var noVerb = errors.All(e => e is NoVerbSelectedError or HelpRequestedError or HelpVerbRequestedError);
        if (errors.IsHelp() || noVerb)
        {
            // The list of commands: asked for (--help), or nothing was given at all.
            var index = HelpText.AutoBuild(result, h =>
            {
                h.Heading = $"{CklGenInfo.Product} {CklGenInfo.Version}";
                h.Copyright = "";
                h.AddDashesToOption = true;
                h.AdditionalNewLineAfterOption = false;
                h.AddPreOptionsLine($"Usage: {program} COMMAND [options]; '{CliHelp.HelpCommand(program)} COMMAND' shows a command's options and examples."
                    .Replace("cklgen --help COMMAND", "cklgen help COMMAND"));
                h.AddPostOptionsLine(ExitCodes.HelpText);
                return h;
            }, e => e, verbsIndex: true);
            (errors.IsHelp() ? ctx.Out : ctx.Error).WriteLine(index.ToString());
            return errors.IsHelp() ? ExitCodes.Success : ExitCodes.Usage;
        }
        // A mistake: one line each, then where the help is; never the whole help after a typo.
        foreach (var line in CliHelp.Mistakes(errors, verbType, args, verbs.Select(v => v.Options).ToList(), program))
            ctx.Error.WriteLine("cklgen: " + line);
        ctx.Error.WriteLine($"cklgen: see '{CliHelp.HelpCommand(verbType is null ? program : CliHelp.Verb(verbType, program))}'");
        return ExitCodes.Usage;
    }
}

/// <summary>Where a command writes: results to Out, errors and progress to Error.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);

/// <summary>A combination of options that the parser accepts but the command cannot use.</summary>
public sealed class UsageException(string message) : Exception(message);
