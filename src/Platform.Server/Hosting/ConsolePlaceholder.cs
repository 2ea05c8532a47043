using System.Net;

namespace Platform.Server.Hosting;

/// <summary>The page at <c>/console/</c> until the web console is built: it says so, and how to use the API meanwhile.</summary>
internal static class ConsolePlaceholder
{
    public static string Html(string apiUrl)
    {
        string url = WebUtility.HtmlEncode(apiUrl);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Platform console (not built yet)</title>
            <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f3f3;padding:.1rem .3rem}</style></head>
            <body>
            <h1>The console is not built yet</h1>
            <p>This address is reserved for the platform's web console, which has not been written yet. Nothing here shows
            your state machines or executions.</p>
            <p>The AWS Step Functions API is served at <code>{{url}}</code>. Use the AWS CLI or an AWS SDK with that endpoint:</p>
            <pre>aws stepfunctions --endpoint-url {{url}} list-state-machines</pre>
            </body>
            </html>
            """;
    }
}
