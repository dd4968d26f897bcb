using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// Portkey's open-source gateway (<c>@portkey-ai/gateway</c>, installed by <c>npm install --prefix bench/portkey</c>) run
/// with node on a free loopback port, headless. Requests reach an upstream through its headers
/// (<see cref="Headers"/>): provider <c>openai</c> at a custom host, which Portkey trusts on loopback. Node preloads
/// <c>bench/portkey/mutable-fetch-headers.mjs</c>: without it, Portkey 1.15.2 on node 20 answers every streamed request
/// with 500 (it appends its headers to the upstream response's immutable ones; the file says how).
/// </summary>
internal sealed class PortkeyGateway : IAsyncDisposable
{
    private const string PreloadFile = "mutable-fetch-headers.mjs";

    private readonly Process _node;

    private PortkeyGateway(Process node, Uri baseUri)
    {
        _node = node;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Where <c>start-server.js</c> is: <c>CUBOID_BENCH_PORTKEY</c>, else <c>bench/portkey/node_modules</c> in the repository.</summary>
    public static string? FindServerScript()
    {
        if (Environment.GetEnvironmentVariable("CUBOID_BENCH_PORTKEY") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return FindInBench(Path.Combine("node_modules", "@portkey-ai", "gateway", "build", "start-server.js"));
    }

    /// <summary>The first <c>bench/portkey/<paramref name="relative"/></c> in a folder above the bench's binaries.</summary>
    private static string? FindInBench(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "bench", "portkey", relative);
            if (File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>The headers that send a request through Portkey to <paramref name="upstream"/>'s OpenAI API.</summary>
    public static IReadOnlyDictionary<string, string> Headers(Uri upstream) => new Dictionary<string, string>
    {
        ["x-portkey-provider"] = "openai",
        ["x-portkey-custom-host"] = new Uri(upstream, "v1").ToString().TrimEnd('/'),
    };

    public static async Task<PortkeyGateway> StartAsync(string script)
    {
        var port = FreePort();
        string[] arguments = FindInBench(PreloadFile) is { } preload ? ["--import", preload, script, $"--port={port}", "--headless"] : [script, $"--port={port}", "--headless"];
        var node = Process.Start(new ProcessStartInfo("node", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("node did not start");
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var gateway = new PortkeyGateway(node, new Uri($"http://localhost:{port}/"));
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await probe.GetAsync(gateway.BaseUri);
                return gateway;
            }
            catch (HttpRequestException)
            {
                if (node.HasExited)
                {
                    break;
                }

                await Task.Delay(100);
            }
        }

        await gateway.DisposeAsync();
        throw new InvalidOperationException($"Portkey's gateway did not answer on port {port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        _node.Dispose();
    }
}
