using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// Portkey's open-source gateway (<c>@portkey-ai/gateway</c>, installed by <c>npm install --prefix bench/portkey</c>) run
/// with node on a free loopback port, headless. Requests reach an upstream through its headers
/// (<see cref="Headers"/>): provider <c>openai</c> at a custom host, which Portkey trusts on loopback.
/// </summary>
internal sealed class PortkeyGateway : IAsyncDisposable
{
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

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "bench", "portkey", "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
            if (File.Exists(script))
            {
                return script;
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
        var node = Process.Start(new ProcessStartInfo("node", [script, $"--port={port}", "--headless"])
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
