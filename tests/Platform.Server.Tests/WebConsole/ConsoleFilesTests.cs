using System.Net;
using System.Text.RegularExpressions;
using Platform.Asl.Graph;
using Platform.Asl.Json;
using Platform.Server.Tests.Live;
using Platform.Server.Tests.Support;
using Platform.Server.WebConsole;

namespace Platform.Server.Tests.WebConsole;

/// <summary>The console's files: embedded, served at /console/ with their content types, caching headers and a content
/// security policy; what is not a console file is a precise 404.</summary>
public sealed partial class ConsoleFilesTests
{
    private static readonly Dictionary<string, string> ExpectedTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    private static string SourceDirectory => Path.Combine(Tools.RepositoryRoot, "src", "Platform.Server", "WebConsole", "wwwroot");

    [Fact]
    public void EveryFileOfTheSourceDirectory_IsEmbedded()
    {
        var onDisk = Directory.EnumerateFiles(SourceDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SourceDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        onDisk.Should().Contain(["index.html", "app.js", "api.js", "graph.js", "history.js", "console.css"]);
        ConsoleAssets.Load().Files.Keys.Order(StringComparer.Ordinal).Should().Equal(onDisk);
    }

    [Fact]
    public async Task Index_IsHtml_WithItsModuleAndStyles_AndAStrictPolicy()
    {
        await using var h = await ServerHarness.StartAsync();
        using var response = await h.Client.GetAsync("/console/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        string page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("""<script type="module" src="app.js"></script>""").And.Contain("""<link rel="stylesheet" href="console.css">""");
        page.Should().NotContain("not built yet");
    }

    [Fact]
    public async Task EveryFile_ServedWithItsContentType_AndItsExactBytes()
    {
        await using var h = await ServerHarness.StartAsync();
        foreach (string file in Directory.EnumerateFiles(SourceDirectory))
        {
            string name = Path.GetFileName(file);
            using var response = await h.Client.GetAsync("/console/" + name);
            response.StatusCode.Should().Be(HttpStatusCode.OK, name);
            response.Content.Headers.ContentType!.ToString().Should().Be(ExpectedTypes[Path.GetExtension(name)], name);
            response.Headers.CacheControl!.NoCache.Should().BeTrue(name);
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(await File.ReadAllBytesAsync(file), name);
        }
    }

    [Fact]
    public async Task EveryModuleImport_NamesAServedFile()
    {
        await using var h = await ServerHarness.StartAsync();
        var imports = Directory.EnumerateFiles(SourceDirectory, "*.js")
            .SelectMany(f => ImportPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Import: m.Groups[1].Value)))
            .ToList();
        imports.Should().Contain(("app.js", "execution.js"));
        foreach (var (file, import) in imports)
        {
            (await h.Client.GetAsync("/console/" + import)).StatusCode.Should().Be(HttpStatusCode.OK, $"{file} imports ./{import}");
        }
    }

    [Fact]
    public async Task WithoutTheSlash_RedirectedToIt_SoRelativeLinksResolve()
    {
        await using var h = await ServerHarness.StartAsync();
        using var response = await h.Client.GetAsync("/console?x=1");
        response.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.ToString().Should().Be("/console/?x=1");
    }

    [Fact]
    public async Task ETag_Revalidates_AndHead_HasNoBody()
    {
        await using var h = await ServerHarness.StartAsync();
        using var first = await h.Client.GetAsync("/console/app.js");
        string etag = first.Headers.ETag!.ToString();
        etag.Should().MatchRegex("^\"[0-9a-f]{16}\"$");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await h.Client.SendAsync(again);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        using var head = await h.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/console/console.css"));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.ToString().Should().Be("text/css; charset=utf-8");
        head.Content.Headers.ContentLength.Should().Be(new FileInfo(Path.Combine(SourceDirectory, "console.css")).Length);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownFile_404_NamingIt()
    {
        await using var h = await ServerHarness.StartAsync();
        using var response = await h.Client.GetAsync("/console/nope.js");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be("No console file '/console/nope.js'. The console is at /console/.\n");
    }

    [Fact]
    public async Task UnknownConsoleEndpoint_404_InTheApisErrorShape()
    {
        await using var h = await ServerHarness.StartAsync();
        using var response = await h.Client.PostAsync("/console/api/graph", null);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var body = (JObject)JNode.Parse(await response.Content.ReadAsStringAsync());
        ((JString)body["__type"]!).Value.Should().Be("com.amazonaws.states#UnknownOperationException");
        ((JString)body["message"]!).Value.Should().Be("No console endpoint 'POST /console/api/graph': the console's API is GET /console/api/graph.");
    }

    [Fact]
    public void GraphModule_DrawsWithTheColoursOfGraphStyle()
    {
        // The console draws the layout itself; it must look like `platform graph --format svg`.
        string script = File.ReadAllText(Path.Combine(SourceDirectory, "graph.js"));
        foreach (var kind in Enum.GetValues<GraphNodeKind>())
        {
            script.Should().Contain($"{GraphStyle.Name(kind)}: '{GraphStyle.Fill(kind)}'", $"the fill of {kind}");
            script.Should().Contain($"{GraphStyle.Name(kind)}: '{GraphStyle.Stroke(kind)}'", $"the stroke of {kind}");
        }

        script.Should().Contain($"EDGE_COLOR = '{GraphStyle.EdgeColor}'").And.Contain($"MUTED_TEXT_COLOR = '{GraphStyle.MutedTextColor}'");
    }

    [GeneratedRegex("""from '\./([a-z-]+\.js)'""")]
    private static partial Regex ImportPattern();
}
