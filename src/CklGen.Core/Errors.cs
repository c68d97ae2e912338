namespace CklGen;

/// <summary>Base of every error CklGen reports to a user; the message is meant to be shown as is.</summary>
public class CklGenException : Exception
{
    public CklGenException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// An input file cannot be used: not the expected format, truncated, hostile, or with a field of an
/// impossible form. The message names the file and, where known, the field.
/// </summary>
public class InputException : CklGenException
{
    public string? File { get; }
    public string? Field { get; }

    public InputException(string? file, string message, string? field = null, Exception? inner = null)
        : base(Compose(file, field, message), inner)
    {
        File = file;
        Field = field;
    }

    static string Compose(string? file, string? field, string message)
    {
        var where = file is null ? "" : $"{IO.Shown.Value(file, 500)}: ";
        if (field is not null) where += $"{IO.Shown.Value(field)}: ";
        return where + message;
    }
}

/// <summary>An output file exists and the user did not ask to overwrite it.</summary>
public sealed class OverwriteRefusedException : CklGenException
{
    public string Path { get; }

    public OverwriteRefusedException(string path, string? note = null)
        : base($"{path}: already exists; pass --force to overwrite it{note}") => Path = path;
}
