using CklGen.Cli;

namespace CklGen.Tests.Commands;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
static class CliRunner
{
    public sealed record Result(int Exit, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = global::CklGen.Cli.Cli.Run(args, new CliContext(o, e));
        return new Result(code, o.ToString(), e.ToString());
    }
}
