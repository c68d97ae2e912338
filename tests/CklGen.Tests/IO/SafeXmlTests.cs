using CklGen.IO;

namespace CklGen.Tests.IO;

public class SafeXmlTests
{
    [Fact]
    public void Deep_nesting_is_refused_before_the_tree_is_built()
    {
        const int depth = 100_000;
        var text = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var e = Assert.Throws<InputException>(() => SafeXml.Parse(text, "deep.ckl"));
        Assert.Contains("deep.ckl", e.Message);
        Assert.Contains("nested more than", e.Message);
    }

    [Fact]
    public void Ordinary_nesting_loads_from_a_stream_that_cannot_seek()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("<CHECKLIST><ASSET><HOST_NAME>X</HOST_NAME></ASSET></CHECKLIST>");
        using var s = new NonSeekable(new MemoryStream(bytes));
        Assert.Equal("X", SafeXml.Load(s, "x.ckl").Root!.Element("ASSET")!.Element("HOST_NAME")!.Value);
    }

    [Fact]
    public void Dtd_is_refused() =>
        Assert.Contains("DTD", Assert.Throws<InputException>(() =>
            SafeXml.Parse("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", "x.xml")).Message);

    sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
