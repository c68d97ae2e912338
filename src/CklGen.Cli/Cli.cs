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
        (typeof(RulesGroupOptions), (o, c) => RulesCommand.RunGroup((RulesGroupOptions)o, c)),
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
    };

    public static int Run(string[] args) => Run(args, new CliContext(Console.Out, Console.Error));

    public static int Run(string[] args, CliContext ctx)
    {
        try
        {
            if (args.Length > 0 && Groups.TryGetValue(args[0], out var sub))
                return Dispatch(args[1..], sub, ctx, "cklgen " + args[0]);
            return Dispatch(args, Verbs, ctx, "cklgen");
        }
        catch (OverwriteRefusedException e)
        {
            ctx.Error.WriteLine("cklgen: refused: " + e.Message);
            return ExitCodes.RefusedOverwrite;
        }
        catch (UsageException e)
        {
            ctx.Error.WriteLine("cklgen: usage: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (CklGenException e)
        {
            ctx.Error.WriteLine("cklgen: error: " + e.Message);
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

    static int Dispatch(string[] args, (Type Options, Func<object, CliContext, int> Run)[] verbs, CliContext ctx, string program)
    {
        var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = true;
            s.MaximumDisplayWidth = 100;
            // "Repeat for several" (--benchmark, --answers) needs this; RefuseRepeatedScalars keeps
            // single-valued options from silently taking the last of several values.
            s.AllowMultiInstance = true;
        });
        RefuseRepeatedScalars(args, verbs.Select(v => v.Options));
        var result = parser.ParseArguments(args, verbs.Select(v => v.Options).ToArray());
        if (result is Parsed<object> parsed)
        {
            var verb = verbs.First(v => v.Options == parsed.Value.GetType());
            return verb.Run(parsed.Value, ctx);
        }
        var errors = ((NotParsed<object>)result).Errors.ToList();
        var help = HelpText.AutoBuild(result, h =>
        {
            h.Heading = $"{CklGenInfo.Product} {CklGenInfo.Version}";
            h.Copyright = "";
            h.AddDashesToOption = true;
            h.AdditionalNewLineAfterOption = false;
            h.AddPostOptionsLine(ExitCodes.HelpText);
            return HelpText.DefaultParsingErrorsHandler(result, h);
        }, e => e, verbsIndex: true);
        if (errors.IsHelp() || errors.IsVersion())
        {
            ctx.Out.WriteLine(errors.IsVersion() ? $"{CklGenInfo.Product} {CklGenInfo.Version}" : help.ToString());
            return ExitCodes.Success;
        }
        ctx.Error.WriteLine(help.ToString());
        return ExitCodes.Usage;
    }
}

/// <summary>Where a command writes: results to Out, errors and progress to Error.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);

/// <summary>A combination of options that the parser accepts but the command cannot use.</summary>
public sealed class UsageException(string message) : Exception(message);
