using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary><c>arn:aws:states:::http:invoke</c>: calls an HTTP(S) API through an injectable <see cref="HttpMessageHandler"/>
/// and returns AWS's result (<c>ResponseBody</c>, <c>StatusCode</c>, <c>StatusText</c>, <c>Headers</c>). A non-2xx status
/// fails with <c>States.Http.StatusCode.&lt;code&gt;</c>; a timeout or a connection failure with <c>States.Http.Socket</c>.</summary>
internal sealed class HttpInvokeIntegration : ITaskHandler, IDisposable
{
    private static readonly string[] Fields = ["ApiEndpoint", "Method", "Authentication", "InvocationConfig", "Headers", "QueryParameters", "RequestBody", "Transform"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
    private static readonly string[] ArrayFormats = ["INDICES", "REPEAT", "COMMAS", "BRACKETS"];

    // AWS refuses these request headers in an HTTP Task (they belong to the transport or to the connection's authorization).
    private static readonly HashSet<string> ForbiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "A-IM", "Accept-Charset", "Accept-Datetime", "Accept-Encoding", "Authorization", "Cache-Control", "Connection", "Content-Encoding",
        "Content-Length", "Content-MD5", "Date", "Expect", "Forwarded", "From", "Host", "HTTP2-Settings", "If-Match", "If-Modified-Since",
        "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards", "Origin", "Pragma", "Proxy-Authorization", "Referer", "Server",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "User-Agent", "Via", "Warning",
    };

    private readonly HttpClient _client;
    private readonly HttpInvokeOptions _options;
    private readonly TimeProvider _time;

    public HttpInvokeIntegration(HttpInvokeOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HttpInvokeOptions.Timeout must be positive, found {options.Timeout}.", nameof(options));
        }

        // The timeout is ours (on the injected clock), not HttpClient's.
        _client = new HttpClient(options.Handler ?? new SocketsHttpHandler(), disposeHandler: options.Handler is null) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var request = IntegrationRequest.Read(invocation, Fields);
        if (request.Resource.Name != "invoke")
        {
            throw request.Invalid($"The HTTP action '{request.Resource.Name}' is not built in; supported: invoke.");
        }

        using var message = Build(request);
        string target = $"{message.Method} {message.RequestUri}";
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            body = await ReadAsync(response, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TaskOutcome.Failure("States.Http.Socket", $"The HTTP request {target} timed out after {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return TaskOutcome.Failure("States.Http.Socket", $"The HTTP request {target} failed: {ex.Message}");
        }
        catch (ResponseTooLargeException)
        {
            return TaskOutcome.Failure(StatesErrors.DataLimitExceeded, $"The response to {target} is larger than {_options.MaxResponseBytes} bytes.");
        }

        using (response)
        {
            var result = Result(response, body);
            int status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? TaskOutcome.Success(result)
                : TaskOutcome.Failure("States.Http.StatusCode." + status.ToString(CultureInfo.InvariantCulture), result.ToString());
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage Build(IntegrationRequest request)
    {
        string endpoint = request.RequireString("ApiEndpoint");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw request.Invalid($"The 'ApiEndpoint' parameter of http:invoke must be an absolute http or https URL, found \"{endpoint}\".");
        }

        string method = request.RequireString("Method").ToUpperInvariant();
        if (Array.IndexOf(Methods, method) < 0)
        {
            throw request.Invalid($"The 'Method' parameter of http:invoke must be one of {string.Join(", ", Methods)}, found \"{request.RequireString("Method")}\".");
        }

        var connection = Connection(request);
        var query = new List<KeyValuePair<string, string>>();
        if (request.OptionalObject("QueryParameters") is { } parameters)
        {
            foreach (var (name, value) in parameters)
            {
                if (value is JArray items)
                {
                    query.AddRange(items.Select(i => new KeyValuePair<string, string>(name, Scalar(request, i, $"QueryParameters.{name}"))));
                }
                else
                {
                    query.Add(new(name, Scalar(request, value, $"QueryParameters.{name}")));
                }
            }
        }

        if (connection is not null)
        {
            query.AddRange(connection.QueryParameters);
        }

        if (query.Count > 0)
        {
            string extra = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            uri = new UriBuilder(uri) { Query = uri.Query.Length > 1 ? uri.Query[1..] + "&" + extra : extra }.Uri;
        }

        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        try
        {
            var headers = new List<KeyValuePair<string, string>>();
            if (request.OptionalObject("Headers") is { } given)
            {
                foreach (var (name, value) in given)
                {
                    if (ForbiddenHeaders.Contains(name) || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
                        || name.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("X-Amzn-", StringComparison.OrdinalIgnoreCase))
                    {
                        throw request.Invalid($"The header '{name}' cannot be set in the 'Headers' of http:invoke (it is reserved; authorization comes from a connection).");
                    }

                    string text = value is JArray items ? string.Join(',', items.Select(i => Scalar(request, i, $"Headers.{name}"))) : Scalar(request, value, $"Headers.{name}");
                    headers.Add(new(name, text));
                }
            }

            if (connection is not null)
            {
                headers.AddRange(connection.Headers);
            }

            message.Content = Body(request, headers);
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    if (message.Content is not null)
                    {
                        message.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(value, out var media)
                            ? media
                            : throw request.Invalid($"The 'Content-Type' header of http:invoke is not a media type: \"{value}\".");
                    }
                }
                else if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content?.Headers.TryAddWithoutValidation(name, value) != true)
                {
                    throw request.Invalid($"The header '{name}' of http:invoke is not a valid request header.");
                }
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private HttpConnection? Connection(IntegrationRequest request)
    {
        string? arn = null;
        foreach (string field in (ReadOnlySpan<string>)["Authentication", "InvocationConfig"])
        {
            if (request.OptionalObject(field) is { } config)
            {
                if (config.Any(p => p.Key != "ConnectionArn") || config["ConnectionArn"] is not JString { Value: var given })
                {
                    throw request.Invalid($"The '{field}' parameter of http:invoke must be {{\"ConnectionArn\": \"arn:aws:events:…:connection/…\"}}.");
                }

                arn = given;
            }
        }

        if (arn is null || _options.Connections is null)
        {
            return null;
        }

        return _options.Connections.TryGetValue(arn, out var connection)
            ? connection
            : throw request.Invalid($"The connection '{arn}' of http:invoke is not configured (HttpInvokeOptions.Connections has {_options.Connections.Count}).");
    }

    private static StringContent? Body(IntegrationRequest request, List<KeyValuePair<string, string>> headers)
    {
        var body = request.Parameters["RequestBody"];
        string encoding = "NONE";
        string arrays = "INDICES";
        if (request.OptionalObject("Transform") is { } transform)
        {
            foreach (var (key, value) in transform)
            {
                switch (key)
                {
                    case "RequestBodyEncoding" when value is JString { Value: "NONE" or "URL_ENCODED" } e:
                        encoding = e.Value;
                        break;
                    case "RequestEncodingOptions" when value is JObject options && options.All(p => p.Key == "ArrayFormat") && (options["ArrayFormat"] is null || options["ArrayFormat"] is JString { Value: var f } && Array.IndexOf(ArrayFormats, f) >= 0):
                        arrays = (options["ArrayFormat"] as JString)?.Value ?? arrays;
                        break;
                    default:
                        throw request.Invalid($"The 'Transform.{key}' parameter of http:invoke is not valid: RequestBodyEncoding is NONE or URL_ENCODED, RequestEncodingOptions is {{\"ArrayFormat\": {string.Join("|", ArrayFormats)}}}; found {IntegrationRequest.Short(value)}.");
                }
            }
        }

        if (body is null)
        {
            return null;
        }

        bool typed = headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
        if (encoding == "URL_ENCODED")
        {
            string form = body switch
            {
                JString s => s.Value,
                JObject o => Form(request, o, arrays),
                _ => throw request.Invalid($"A URL_ENCODED 'RequestBody' of http:invoke must be an object or a string, found {body.KindName}."),
            };
            var content = new StringContent(form, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        var json = new StringContent(body is JString text ? text.Value : body.ToString(), Encoding.UTF8);
        json.Headers.ContentType = typed || body is JString ? new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" } : new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return json;
    }

    private static string Form(IntegrationRequest request, JObject body, string arrays)
    {
        var pairs = new List<string>();
        foreach (var (name, value) in body)
        {
            if (value is not JArray items)
            {
                pairs.Add(Encode(name) + "=" + Encode(Scalar(request, value, $"RequestBody.{name}")));
                continue;
            }

            var texts = items.Select(i => Scalar(request, i, $"RequestBody.{name}")).ToList();
            switch (arrays)
            {
                case "COMMAS":
                    pairs.Add(Encode(name) + "=" + string.Join(',', texts.Select(Encode)));
                    break;
                case "REPEAT":
                    pairs.AddRange(texts.Select(t => Encode(name) + "=" + Encode(t)));
                    break;
                case "BRACKETS":
                    pairs.AddRange(texts.Select(t => Encode(name + "[]") + "=" + Encode(t)));
                    break;
                default:
                    pairs.AddRange(texts.Select((t, i) => Encode(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]")) + "=" + Encode(t)));
                    break;
            }
        }

        return string.Join('&', pairs);

        static string Encode(string text) => Uri.EscapeDataString(text);
    }

    private static string Scalar(IntegrationRequest request, JNode value, string where) => value switch
    {
        JString s => s.Value,
        JNumber or JBool => value.ToString(),
        JNull => string.Empty,
        _ => throw request.Invalid($"The '{where}' parameter of http:invoke must be a string, number or boolean, found {value.KindName}."),
    };

    private async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxResponseBytes)
            {
                response.Dispose();
                throw new ResponseTooLargeException();
            }
        }

        return buffer.ToArray();
    }

    private static JObject Result(HttpResponseMessage response, byte[] body)
    {
        var headers = new JObjectBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers.Set(name, new JArray(values.Select(v => (JNode)JNode.From(v))));
        }

        string text = Encoding.UTF8.GetString(body);
        JNode parsed = JNode.From(text);
        string? media = response.Content.Headers.ContentType?.MediaType;
        if (media is not null && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal)) && text.Length > 0)
        {
            try
            {
                parsed = JNode.Parse(text);
            }
            catch (JsonParseException)
            {
                parsed = JNode.From(text);
            }
        }

        var status = response.StatusCode;
        return new JObject(
            ["Headers", "ResponseBody", "StatusCode", "StatusText"],
            [headers.Build(), parsed, JNode.From((int)status), JNode.From(response.ReasonPhrase ?? ReasonOf(status))]);
    }

    private static string ReasonOf(HttpStatusCode status) => status.ToString();

    private sealed class ResponseTooLargeException : Exception
    {
    }
}
