using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using CklGen.Library;
using CklGen.Server;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Library.SharedLibrary;

namespace CklGen.Tests.Library;

/// <summary>The library server, started on a free loopback port, answering real HTTP requests.</summary>
public sealed class LibraryServerFixture : IAsyncLifetime
{
    public LibraryServer Server { get; private set; } = null!;
    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync() => Server = await LibraryServer.StartAsync(Pages.Values.ToList(), IPAddress.Loopback, 0);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

public class LibraryServerTests(LibraryServerFixture f) : IClassFixture<LibraryServerFixture>
{
    static readonly string RulePath = LibraryPaths.Rule(Mailbox2016, "V-228409");

    async Task<HttpResponseMessage> Get(string path, string? accept = null, HttpMethod? method = null)
    {
        var req = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(f.Server.Url, path));
        if (accept is not null) req.Headers.TryAddWithoutValidation("Accept", accept);
        return await f.Http.SendAsync(req);
    }

    [Fact]
    public void Listens_on_the_loopback_address()
    {
        Assert.Equal("127.0.0.1", f.Server.Url.Host);
        Assert.NotEqual(0, f.Server.Url.Port);
    }

    [Theory]
    [InlineData(null, "text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html")]
    [InlineData("text/turtle", "text/turtle")]
    [InlineData("application/rdf+xml", "application/rdf+xml")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/turtle;q=0.5, application/rdf+xml", "application/rdf+xml")]
    [InlineData("text/turtle, */*;q=0.1", "text/turtle")]
    public async Task Every_page_answers_the_format_the_Accept_header_asks_for(string? accept, string type)
    {
        foreach (var path in new[] { "", LibraryPaths.Stig(Edge2019), RulePath, RulePath + "index.html", LibraryPaths.Rmf(5), LibraryPaths.Compare(Edge2019, "V2R1", "V2R2"), LibraryPaths.Search })
        {
            using var res = await Get(path, accept);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.Equal(type, res.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Accept", res.Headers.Vary);
            var body = await res.Content.ReadAsStringAsync();
            var page = Page(path.Replace("index.html", ""));
            switch (type)
            {
                case "text/html": Assert.Equal(page.Html, body); break;
                case "application/json": Assert.Equal((string?)page.Json["path"], (string?)JObject.Parse(body)["path"]); break;
                case "text/turtle": Assert.Equal(page.Graph.ToTurtle(), body); break;
                case "application/rdf+xml": Assert.Equal("RDF", XDocument.Parse(body).Root!.Name.LocalName); break;
            }
        }
    }

    [Fact]
    public async Task The_rule_in_Turtle_carries_its_CCI_and_control()
    {
        using var res = await Get(RulePath, "text/turtle");
        var ttl = await res.Content.ReadAsStringAsync();
        Assert.Contains("stig:vulnId \"V-228409\"", ttl);
        Assert.Contains("stig:cat \"CAT II\"", ttl);
        Assert.Contains("<../../../cci/#CCI-002385>", ttl);
        Assert.Contains("stig:nist80053rev5 <../../../rmf/rev5/#SC-5>", ttl);
        Assert.Equal("/" + RulePath + "index.ttl", res.Content.Headers.ContentLocation?.OriginalString);
    }

    [Theory]
    [InlineData("index.json", "application/json")]
    [InlineData("index.ttl", "text/turtle")]
    [InlineData("index.rdf", "application/rdf+xml")]
    public async Task The_files_beside_a_page_come_in_their_own_format(string file, string type)
    {
        using var res = await Get(RulePath + file, "text/html");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(type, res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_address_without_its_slash_redirects_and_unknown_addresses_are_404()
    {
        using var redirect = await Get(RulePath.TrimEnd('/'));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/" + RulePath, redirect.Headers.Location?.OriginalString);
        using var missing = await Get("stigs/NOPE/V-1/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var traversal = await Get("stigs/../../etc/passwd");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Only_GET_and_HEAD_are_served_and_unacceptable_formats_get_406()
    {
        using var post = await Get("", method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        using var head = await Get(RulePath, "text/turtle", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Page(RulePath).Graph.ToTurtle()), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var png = await Get(RulePath, "image/png");
        Assert.Equal(HttpStatusCode.NotAcceptable, png.StatusCode);
    }

    [Theory]
    [InlineData(null, LibraryFormat.Html)]
    [InlineData("", LibraryFormat.Html)]
    [InlineData("*/*", LibraryFormat.Html)]
    [InlineData("application/*", LibraryFormat.Json)]
    [InlineData("text/turtle;q=0", null)]
    [InlineData("application/json;q=0.2, text/turtle;q=0.9", LibraryFormat.Turtle)]
    [InlineData("image/png", null)]
    [InlineData("APPLICATION/RDF+XML", LibraryFormat.RdfXml)]
    public void Accept_negotiation(string? accept, LibraryFormat? expected) => Assert.Equal(expected, LibraryFormats.Negotiate(accept));
}
