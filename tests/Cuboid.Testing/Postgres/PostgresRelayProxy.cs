using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cuboid.Testing.Postgres;

/// <summary>
/// A loopback TCP proxy in front of a PostgreSQL server, speaking nothing itself: it relays the wire protocol both ways
/// (in plain text, so a subclass can read the messages) and hands each chunk it reads to the subclass's watcher for that
/// direction first, which may hold it back or cut the connection instead of relaying it.
/// </summary>
public abstract class PostgresRelayProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;

    protected PostgresRelayProxy(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        (_host, _port) = (target.Host ?? "127.0.0.1", target.Port);
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port, SslMode = SslMode.Disable,
        }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The target's connection string, pointed at the proxy.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// A new watcher for one direction of one connection (<paramref name="fromClient"/>: what the client sends), called
    /// with each chunk before it is relayed; it returns false to cut the connection instead.
    /// </summary>
    protected abstract Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> Watch(bool fromClient);

    public virtual async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        using (var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            try
            {
                await server.ConnectAsync(_host, _port, cut.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), Watch(fromClient: true), cut.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), Watch(fromClient: false), cut.Token);
                await Task.WhenAny(up, down);
                await cut.CancelAsync();
                await Task.WhenAll(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away: the other is closed with it.
            }
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> watch, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0 || !await watch(buffer.AsMemory(0, read), cancellationToken))
            {
                return; // Closed, or cut by the watcher: the caller closes both connections.
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
