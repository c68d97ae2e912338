using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.IO;

/// <summary>Reads the JSON files people write by hand (site policy, answer files): comments allowed,
/// duplicate keys refused, every failure an <see cref="InputException"/> naming the file.</summary>
public static class JsonConfig
{
    public static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "cannot be read: " + e.Message, inner: e);
        }
    }

    /// <param name="what">What the file should be, for the error ("a JSON site policy").</param>
    public static JObject ParseObject(string json, string path, string what)
    {
        try
        {
            return JObject.Parse(json, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonReaderException e)
        {
            throw new InputException(path, $"not {what} (line {e.LineNumber}): {e.Message}", inner: e);
        }
    }
}
