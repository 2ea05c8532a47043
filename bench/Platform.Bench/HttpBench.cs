using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Bench;

/// <summary>StartSyncExecution of hello-choice over HTTP against the real server (<c>platform serve</c>, started as a child
/// process on a free port with a fresh data directory): <c>clients</c> closed-loop clients, each one keep-alive HTTP/1.1
/// connection with one request in flight, sending pre-encoded request bytes on raw sockets (the cheapest client there is,
/// since client and server share the machine's cores). After a warm-up, it counts requests/s and keeps every latency.</summary>
internal static class HttpBench
{
    private const string Account = "123456789012";

    public static async Task<int> RunAsync(string definitionFile, double seconds, int clients, string? serverUrl)
    {
        string directory = Path.Combine(Path.GetTempPath(), "platform-bench-http-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(directory, "no-workflows"));
        Process? server = null;
        try
        {
            Uri url;
            if (serverUrl is null)
            {
                (server, url) = await StartServerAsync(directory);
            }
            else
            {
                url = new Uri(serverUrl);
            }

            var endpoint = new IPEndPoint(IPAddress.Loopback, url.Port);
            string machineArn = await CreateMachineAsync(url, definitionFile);

            // The request, encoded once: the name is left out, so the server names each execution (a GUID), as AWS does.
            string body = new JObject(["stateMachineArn", "input"], [JNode.From(machineArn), JNode.From("{\"name\":\"Ada\",\"vip\":true}")]).ToJson();
            byte[] request = Encoding.ASCII.GetBytes(
                "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + url.Port.ToString(CultureInfo.InvariantCulture) + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AWSStepFunctions.StartSyncExecution\r\n"
                + "Content-Length: " + Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture) + "\r\n\r\n" + body);

            // Check one answer in full, so a fast wrong server cannot pass.
            var check = await Connection.OpenAsync(endpoint, request);
            string answer = await check.SendAndReadBodyAsync();
            var output = ((JObject)JNode.Parse(answer))["output"] is JString { Value: var text } ? JNode.Parse(text) : null;
            if (output is null || !JNode.DeepEquals(output, JNode.Parse("{\"greeting\":\"Hello, Ada!\",\"vip\":true}")) || !answer.Contains("\"SUCCEEDED\"", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"http: unexpected answer {answer}");
                return 1;
            }

            check.Dispose();
            var connections = new Connection[clients];
            for (int i = 0; i < clients; i++)
            {
                connections[i] = await Connection.OpenAsync(endpoint, request);
            }

            await RunFor(connections, TimeSpan.FromSeconds(10), null);  // warm-up: tiered JIT on both sides
            var latencies = Enumerable.Range(0, clients).Select(_ => new List<long>(1 << 16)).ToArray();
            var cpuBefore = server is null ? TimeSpan.Zero : Cpu(server);
            var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long count = await RunFor(connections, TimeSpan.FromSeconds(seconds), latencies);
            clock.Stop();
            var serverCpu = server is null ? TimeSpan.Zero : Cpu(server) - cpuBefore;
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - selfCpuBefore;
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            var all = latencies.SelectMany(l => l).ToArray();
            Array.Sort(all);
            double Ms(double q) => all[Math.Min(all.Length - 1, Math.Max(0, (int)Math.Ceiling(q * all.Length) - 1))] * 1000.0 / Stopwatch.Frequency;
            double perSecond = count / clock.Elapsed.TotalSeconds;
            long serverPeak = server is null ? 0 : RowResult.PeakRssOf(server.Id);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"http StartSyncExecution hello-choice: {perSecond:N0} requests/s, {clients} clients, p50 {Ms(0.5):N3} ms, p99 {Ms(0.99):N3} ms, max {Ms(1):N1} ms; CPU per request: server {serverCpu.TotalMicroseconds / count:N1} µs, client {clientCpu.TotalMicroseconds / count:N1} µs; server peak RSS {serverPeak / 1048576.0:N0} MiB"));
            RowResult.Write(new RowResult("http")
            {
                ExecPerSecond = perSecond,
                TransitionsPerSecond = perSecond * 3,
                P50Ms = Ms(0.5),
                P99Ms = Ms(0.99),
                PeakRssBytes = serverPeak,
                Note = string.Create(CultureInfo.InvariantCulture, $"{clients} clients; CPU/request server {serverCpu.TotalMicroseconds / count:N0} µs, client {clientCpu.TotalMicroseconds / count:N0} µs; RSS is the server's"),
            });
            return 0;
        }
        finally
        {
            if (server is not null)
            {
                StopServer(server);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static async Task<long> RunFor(Connection[] connections, TimeSpan duration, List<long>[]? latencies)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = connections.Select((connection, i) => Task.Run(async () =>
        {
            long n = 0;
            var samples = latencies?[i];
            while (true)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (t0 >= deadline)
                {
                    return n;
                }

                await connection.RoundTripAsync();
                samples?.Add(Stopwatch.GetTimestamp() - t0);
                n++;
            }
        })).ToArray();
        return (await Task.WhenAll(loops)).Sum();
    }

    private static async Task<(Process Server, Uri Url)> StartServerAsync(string directory)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "platform.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[cli, "serve", "--port", "0", "--data", Path.Combine(directory, "data"), "--workflows", Path.Combine(directory, "no-workflows")])
        {
            start.ArgumentList.Add(arg);
        }

        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start platform serve");
        var ready = Stopwatch.StartNew();
        while (ready.Elapsed < TimeSpan.FromSeconds(60))
        {
            string? line = await server.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                break;
            }

            const string Listening = "Platform server listening on ";
            if (line.StartsWith(Listening, StringComparison.Ordinal))
            {
                var url = new Uri(line[Listening.Length..].Trim());
                _ = Task.Run(async () =>
                {
                    while (await server.StandardOutput.ReadLineAsync() is not null)
                    {
                    }
                });
                return (server, url);
            }
        }

        server.Kill();
        throw new InvalidOperationException("platform serve did not say where it listens");
    }

    private static void StopServer(Process server)
    {
        // SIGTERM: the server stops gracefully (the data directory is removed afterwards anyway).
        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!server.WaitForExit(15_000))
        {
            server.Kill();
        }

        server.Dispose();
    }

    private static async Task<string> CreateMachineAsync(Uri url, string definitionFile)
    {
        using var client = new HttpClient { BaseAddress = url };
        var body = new JObject(
            ["name", "definition", "roleArn", "type"],
            [JNode.From("hello-choice"), JNode.From(File.ReadAllText(definitionFile)), JNode.From($"arn:aws:iam::{Account}:role/bench"), JNode.From("EXPRESS")]).ToJson();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        content.Headers.Add("X-Amz-Target", "AWSStepFunctions.CreateStateMachine");
        using var response = await client.PostAsync(new Uri("/", UriKind.Relative), content);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"CreateStateMachine: {(int)response.StatusCode} {text}");
        }

        return ((JString)((JObject)JNode.Parse(text))["stateMachineArn"]!).Value;
    }

    /// <summary>One keep-alive connection: sends the request, reads one whole answer (Content-Length or chunked).</summary>
    private sealed class Connection : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _request;
        private readonly byte[] _buffer = new byte[64 * 1024];

        private Connection(Socket socket, byte[] request)
        {
            _socket = socket;
            _request = request;
        }

        public static async Task<Connection> OpenAsync(IPEndPoint endpoint, byte[] request)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint);
            return new Connection(socket, request);
        }

        public async Task RoundTripAsync() => await SendAndReadAsync();

        public async Task<string> SendAndReadBodyAsync()
        {
            var (start, length) = await SendAndReadAsync();
            return Encoding.UTF8.GetString(_buffer, start, length);
        }

        public void Dispose() => _socket.Dispose();

        /// <summary>Sends the request and reads the answer; returns where its body is in the buffer (chunked bodies are
        /// returned with their chunk framing when they come in more than one chunk, which only the check reads).</summary>
        private async Task<(int Start, int Length)> SendAndReadAsync()
        {
            await _socket.SendAsync(_request, SocketFlags.None);
            int filled = 0;
            while (true)
            {
                int read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection");
                }

                filled += read;
                if (Complete(_buffer.AsSpan(0, filled)) is { } body)
                {
                    return body;
                }

                if (filled == _buffer.Length)
                {
                    throw new IOException("answer larger than the client's buffer");
                }
            }
        }

        private static (int Start, int Length)? Complete(ReadOnlySpan<byte> data)
        {
            int end = data.IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return null;
            }

            var head = data[..end];
            if (!head.StartsWith("HTTP/1.1 200 "u8))
            {
                throw new IOException("not a 200 answer: " + Encoding.ASCII.GetString(head));
            }

            int bodyStart = end + 4;
            int at = IndexOfIgnoreCase(head, "\r\ncontent-length:"u8);
            if (at >= 0)
            {
                var rest = head[(at + 17)..];
                int eol = rest.IndexOf("\r\n"u8);
                int length = int.Parse(Encoding.ASCII.GetString(eol < 0 ? rest : rest[..eol]).Trim(), CultureInfo.InvariantCulture);
                return data.Length - bodyStart >= length ? (bodyStart, length) : null;
            }

            // Chunked: complete at the last chunk.
            if (!data[bodyStart..].EndsWith("\r\n0\r\n\r\n"u8))
            {
                return null;
            }

            var chunks = data[bodyStart..];
            int size = chunks.IndexOf("\r\n"u8);
            int first = int.Parse(Encoding.ASCII.GetString(chunks[..size]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return (bodyStart + size + 2, first);
        }

        private static int IndexOfIgnoreCase(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerNeedle)
        {
            for (int i = 0; i + lowerNeedle.Length <= head.Length; i++)
            {
                int k = 0;
                while (k < lowerNeedle.Length && (head[i + k] | (lowerNeedle[k] is >= (byte)'a' and <= (byte)'z' ? 0x20 : 0)) == lowerNeedle[k])
                {
                    k++;
                }

                if (k == lowerNeedle.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
