namespace CklGen.Cli;

/// <summary>Process exit codes; documented in --help and the README. Scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Success = 0;
    /// <summary>Ran, and what it checked is not clean: validate found errors, diff or report --fail-on matched.</summary>
    public const int CheckFailed = 1;
    /// <summary>The command line is wrong (unknown verb or option, missing value).</summary>
    public const int Usage = 2;
    /// <summary>An input file cannot be used (not found, malformed, hostile, wrong kind; facts or a previous checklist of another server without --allow-mismatch).</summary>
    public const int BadInput = 3;
    /// <summary>An output file exists and --force was not given; nothing was written.</summary>
    public const int RefusedOverwrite = 4;
    /// <summary>A fleet run: some hosts failed (each reported, nothing of theirs written), the others were written.</summary>
    public const int SomeHostsFailed = 5;
    /// <summary>A bug in CklGen: please report it with the message.</summary>
    public const int InternalError = 70;

    public const string HelpText =
        "Exit codes: 0 success; 1 check failed (validate found errors, diff or report --fail-on matched); " +
        "2 bad usage; 3 bad input file (also facts for another Exchange version or role, or a --previous checklist of another host, without --allow-mismatch); 4 refused to overwrite (use --force); 5 some hosts of a fleet failed, the others were written; 70 internal error.";
}
