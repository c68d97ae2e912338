using CklGen.Checklists;

namespace CklGen.Tests.Answers;

/// <summary>Mistakes in an answer file stop the run with the file and the field named.</summary>
public class AnswerFileErrorTests
{
    static InputException Fails(string answers, string root = "\"cklgenAnswers\": 1,") =>
        Assert.Throws<InputException>(() => AnswerFile.Parse($$"""{ {{root}} "answers": [ {{answers}} ] }""", "answers.json"));

    [Theory]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "comments": "typo" }""", "answers[0].comments", "unknown key")]
    [InlineData("""{ "rule": "V-1", "status": "Passed", "comment": "c" }""", "answers[0].status", "'Passed' is not a status")]
    [InlineData("""{ "rule": "V-1", "status": "NA", "comment": "c" }""", "answers[0].status", "not a status")]
    [InlineData("""{ "rule": "V-1", "comment": "c" }""", "answers[0].status", "is required")]
    [InlineData("""{ "rule": "V-1", "status": "Open" }""", "answers[0].comment", "is required")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "  " }""", "answers[0].comment", "is required")]
    [InlineData("""{ "status": "Open", "comment": "c" }""", "answers[0].rule", "is required")]
    [InlineData("""{ "rule": 228391, "status": "Open", "comment": "c" }""", "answers[0].rule", "must be a string")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "when": "Openn" }""", "answers[0].when", "not a status")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "when": ["Open", "Bad"] }""", "answers[0].when[1]", "not a status")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "when": [] }""", "answers[0].when", "non-empty array")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "hosts": "EXMBX01" }""", "answers[0].hosts", "array of host names")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c", "benchmark": "" }""", "answers[0].benchmark", "must not be empty")]
    [InlineData("""{ "rule": "V-1", "status": "Open", "comment": "c" }, "oops" """, "answers[1]", "must be an object")]
    public void Entry_mistakes_name_file_and_field(string answers, string field, string message)
    {
        var e = Fails(answers);
        Assert.Equal(("answers.json", field), (e.File, e.Field));
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"answers.json: {field}: ", e.Message);
    }

    [Fact]
    public void The_fourth_entry_is_answers_3_with_its_line()
    {
        var e = Fails("""
            { "rule": "V-1", "status": "Open", "comment": "c" },
            { "rule": "V-2", "status": "Open", "comment": "c" },
            { "rule": "V-3", "status": "Open", "comment": "c" },
            { "rule": "V-4", "status": "Fixed", "comment": "c" }
            """);
        Assert.Equal("answers[3].status", e.Field);
        Assert.Contains("(line 4)", e.Message); // the entries begin on the first line
    }

    [Fact]
    public void Root_mistakes_are_errors_too()
    {
        Assert.Equal("cklgenAnswers", Fails("", root: "").Field);
        Assert.Equal("cklgenAnswers", Fails("", root: "\"cklgenAnswers\": 2,").Field);
        Assert.Equal("answer", Assert.Throws<InputException>(() => AnswerFile.Parse("""{ "cklgenAnswers": 1, "answers": [], "answer": [] }""", "a.json")).Field);
        Assert.Equal("answers", Assert.Throws<InputException>(() => AnswerFile.Parse("""{ "cklgenAnswers": 1, "answers": {} }""", "a.json")).Field);
        var dup = Assert.Throws<InputException>(() => AnswerFile.Parse("""{ "cklgenAnswers": 1, "answers": [ { "rule": "V-1", "rule": "V-2", "status": "Open", "comment": "c" } ] }""", "a.json"));
        Assert.Equal("a.json", dup.File);
        var notJson = Assert.Throws<InputException>(() => AnswerFile.Parse("{ \"cklgenAnswers\": 1, ", "a.json"));
        Assert.Contains("not a JSON answer file", notJson.Message);
    }

    [Fact]
    public void Missing_file_is_an_input_error_naming_it()
    {
        var path = Path.Combine(Support.TestPaths.NewTempDir(), "nope.json");
        Assert.Equal(path, Assert.Throws<InputException>(() => AnswerFile.Load(path)).File);
    }
}
