using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.IO;

/// <summary>Reads the JSON files people write by hand (site policy, answer files): comments allowed,
/// duplicate keys refused, every failure an <see cref="InputException"/> naming the file.</summary>
public static class JsonConfig
{
    /// <summary>Largest policy or answer file read, in bytes.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static string ReadText(string path) => InputFile.DecodeText(InputFile.ReadAllBytes(path, MaxBytes), path);

    /// <param name="what">What the file should be, for the error ("a JSON site policy").</param>
    public static JObject ParseObject(string json, string path, string what)
    {
        try
        {
            // Dates and numbers stay as written: "/Date(...)/" and ISO text are text, never converted.
            using var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 64,
            };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            while (reader.Read())
                if (reader.TokenType != JsonToken.Comment)
                    throw new JsonReaderException($"content after the end of the JSON value (line {reader.LineNumber}, position {reader.LinePosition})");
            return token as JObject ?? throw new InputException(path, $"not {what}: the document is not a JSON object");
        }
        catch (JsonReaderException e)
        {
            throw new InputException(path, $"not {what} (line {e.LineNumber}): {e.Message}", inner: e);
        }
    }
}
