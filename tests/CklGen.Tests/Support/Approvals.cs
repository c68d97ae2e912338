using System.Runtime.CompilerServices;
using System.Text;

namespace CklGen.Tests.Support;

/// <summary>
/// Golden-file assertions (our stand-in for Verify.Xunit, which this registry does not serve):
/// the text is compared with tests/CklGen.Tests/Approved/NAME.approved.EXT. On a mismatch, the
/// actual text is written beside it as NAME.received.EXT (git-ignored) for review; accept it by
/// renaming, or run with CKLGEN_APPROVE=1 to write approved files directly.
/// </summary>
public static class Approvals
{
    public static string ApprovedDir => Path.Combine(TestPaths.TestsDir, "Approved");

    public static void Verify(string actual, string name, string extension = "txt")
    {
        Directory.CreateDirectory(ApprovedDir);
        var approved = Path.Combine(ApprovedDir, $"{name}.approved.{extension}");
        var received = Path.Combine(ApprovedDir, $"{name}.received.{extension}");
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("CKLGEN_APPROVE") == "1")
        {
            File.WriteAllText(approved, actual, new UTF8Encoding(false));
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (!File.Exists(approved))
        {
            File.WriteAllText(received, actual, new UTF8Encoding(false));
            Assert.Fail($"No approved file {approved}. Review {received} and rename it to approve.");
        }
        var expected = Normalize(File.ReadAllText(approved));
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail($"{name}: output differs from {approved} at {TextDifference.First(expected, actual)}. Received: {received}");
    }

    static string Normalize(string s) => s.Replace("\r\n", "\n");
}
