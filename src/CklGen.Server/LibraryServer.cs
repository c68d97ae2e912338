using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CklGen.Library;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CklGen.Server;

/// <summary>
/// Serves the library's pages from memory with ASP.NET Core (Kestrel): each page's folder URL
/// (and its index.html) answers with HTML, JSON, Turtle or RDF/XML as the Accept header asks;
/// index.json, index.ttl and index.rdf give one format whatever it asks. GET and HEAD only.
/// </summary>
public sealed class LibraryServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly IReadOnlyDictionary<string, LibraryPage> pages;
    readonly ConcurrentDictionary<(string, LibraryFormat), byte[]> cache = new();

    /// <summary>The address it listens on, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    LibraryServer(WebApplication app, IReadOnlyList<LibraryPage> pages)
    {
        this.app = app;
        this.pages = pages.ToDictionary(p => p.Path, StringComparer.Ordinal);
    }

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<LibraryServer> StartAsync(IReadOnlyList<LibraryPage> pages, IPAddress address, int port, CancellationToken cancel = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, port);
        });
        var app = builder.Build();
        var server = new LibraryServer(app, pages);
        app.Run(server.Handle);
        try { await app.StartAsync(cancel); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InputException($"{Host(address)}:{port}", $"cannot listen there: {e.Message}; give another --port or --bind", field: "--port");
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        server.Url = new Uri((bound ?? $"http://{Host(address)}:{port}").TrimEnd('/') + "/");
        return server;
    }

    static string Host(IPAddress a) => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();

    /// <summary>Runs until Ctrl+C, SIGTERM or <paramref name="cancel"/>.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel = default) => app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    async Task Handle(HttpContext ctx)
    {
        var req = ctx.Request;
        var res = ctx.Response;
        res.Headers["X-Content-Type-Options"] = "nosniff";
        res.Headers["Referrer-Policy"] = "no-referrer";
        if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
        {
            res.StatusCode = StatusCodes.Status405MethodNotAllowed;
            res.Headers.Allow = "GET, HEAD";
            await Text(ctx, "Only GET and HEAD are served.\n");
            return;
        }
        var path = (req.Path.Value ?? "/").TrimStart('/');
        LibraryFormat? fixedFormat = null;
        var negotiate = false;
        var file = path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;
        if (LibraryFormats.ByFileName(file) is { } f)
        {
            path = path[..^file.Length];
            if (f == LibraryFormat.Html) negotiate = true; else fixedFormat = f;
        }
        else if (path.Length == 0 || path.EndsWith('/')) negotiate = true;
        else if (pages.ContainsKey(path + "/"))
        {
            res.StatusCode = StatusCodes.Status301MovedPermanently;
            res.Headers.Location = "/" + path + "/" + req.QueryString;
            return;
        }
        if (!pages.TryGetValue(path, out var page))
        {
            res.StatusCode = StatusCodes.Status404NotFound;
            await Text(ctx, $"No library page at /{path}. The index is at /.\n");
            return;
        }
        var format = fixedFormat ?? LibraryFormats.Negotiate(req.Headers.Accept.ToString());
        if (negotiate) res.Headers.Vary = "Accept";
        if (format is null)
        {
            res.StatusCode = StatusCodes.Status406NotAcceptable;
            await Text(ctx, "This page is served as " + string.Join(", ", LibraryFormats.All.Select(LibraryFormats.MediaType)) + ".\n");
            return;
        }
        var body = cache.GetOrAdd((page.Path, format.Value), k => Render(page, k.Item2));
        res.ContentType = LibraryFormats.MediaType(format.Value) + "; charset=utf-8";
        res.Headers.ContentLocation = "/" + page.Path + LibraryFormats.FileName(format.Value);
        res.ContentLength = body.Length;
        if (HttpMethods.IsHead(req.Method)) return;
        await res.Body.WriteAsync(body);
    }

    static byte[] Render(LibraryPage page, LibraryFormat f) => Encoding.UTF8.GetBytes(f switch
    {
        LibraryFormat.Json => page.JsonText,
        LibraryFormat.Turtle => page.Graph.ToTurtle(),
        LibraryFormat.RdfXml => page.Graph.ToRdfXml(),
        _ => page.Html,
    });

    static Task Text(HttpContext ctx, string text)
    {
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync(text);
    }
}
