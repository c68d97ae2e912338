namespace CklGen.IO;

/// <summary>User-provided values as quoted in messages: control characters made visible, length bounded.</summary>
public static class Shown
{
    /// <summary>Longest user value quoted in a message, in characters.</summary>
    public const int MaxValue = 200;

    /// <summary>Longest message line printed; anything past it is cut with a count.</summary>
    public const int MaxLine = 2000;

    public static string Value(string? s, int max = MaxValue)
    {
        if (s is null) return "";
        var clean = s.Any(char.IsControl) ? new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : s;
        return clean.Length <= max ? clean : $"{clean[..max]}… ({clean.Length - max:N0} more characters)";
    }

    /// <summary>A message with each line bounded (newlines kept).</summary>
    public static string Message(string message) =>
        message.Length <= MaxLine ? message : string.Join("\n", message.Split('\n').Select(l => Value(l.TrimEnd('\r'), MaxLine)));
}
