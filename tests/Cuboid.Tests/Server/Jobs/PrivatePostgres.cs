using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// A throwaway PostgreSQL cluster of this test's own (<c>scripts/ensure-postgres.sh</c> with its own folder and port), so
/// stopping and starting it mid-test disturbs no other test sharing the usual test server.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-pg-private", Guid.NewGuid().ToString("N")[..12]);
    private readonly int _port = FreePort();

    private PrivatePostgres()
    {
    }

    /// <summary>The Npgsql connection string the script printed.</summary>
    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var server = new PrivatePostgres();
        server.ConnectionString = await server.RunAsync();
        return server;
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut, as in a restart).</summary>
    public Task StopAsync() => RunAsync("--stop");

    public Task StartAgainAsync() => RunAsync();

    public void Dispose()
    {
        RunAsync("--stop").GetAwaiter().GetResult();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CUBOID_PG_DIR"] = _folder;
        start.Environment["CUBOID_PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("CUBOID_TEST_POSTGRES");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? (await output).Trim() : throw new InvalidOperationException($"ensure-postgres.sh {string.Join(' ', arguments)} failed: {await errors}");
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "ensure-postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("scripts/ensure-postgres.sh is not above the test folder");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
