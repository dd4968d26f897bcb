using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cuboid.Testing.Postgres;

/// <summary>
/// A loopback TCP proxy in front of a PostgreSQL server, speaking nothing itself: it relays the wire protocol both ways
/// and, once armed (<see cref="DropNextCommitAck"/>), cuts the connection that carries the next COMMIT's acknowledgement
/// (the server's <c>CommandComplete "COMMIT"</c> message) instead of relaying it. The commit took effect; the client never
/// hears so, as when the server restarts or the network breaks at that moment.
/// </summary>
public sealed class CommitAckDropProxy : IAsyncDisposable
{
    // CommandComplete: 'C', its length (4 + "COMMIT\0"), the tag.
    private static readonly byte[] CommitComplete = [(byte)'C', 0, 0, 0, 11, .. "COMMIT"u8, 0];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;
    private int _armed;
    private int _dropped;

    private CommitAckDropProxy(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        (_host, _port) = (target.Host ?? "127.0.0.1", target.Port);
        _listener.Start();
        // Plain text, so the relay can see the messages.
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port, SslMode = SslMode.Disable,
        }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The target's connection string, pointed at the proxy.</summary>
    public string ConnectionString { get; }

    /// <summary>How many acknowledgements were dropped.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Starts relaying to the server of <paramref name="connectionString"/>.</summary>
    public static CommitAckDropProxy Start(string connectionString) => new(connectionString);

    /// <summary>Arms the proxy: the next COMMIT acknowledgement on any connection is dropped with its connection.</summary>
    public void DropNextCommitAck() => Interlocked.Exchange(ref _armed, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
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
                var up = PumpAsync(client.GetStream(), server.GetStream(), watch: false, cut.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), watch: true, cut.Token);
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

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool watch, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        byte[] tail = [];
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            if (watch && Volatile.Read(ref _armed) == 1)
            {
                // The tag may straddle two reads: search the end of the previous one too.
                byte[] seen = [.. tail, .. buffer.AsSpan(0, read)];
                if (seen.AsSpan().IndexOf(CommitComplete) >= 0 && Interlocked.Exchange(ref _armed, 0) == 1)
                {
                    Interlocked.Increment(ref _dropped);
                    return; // Never relayed: the caller closes both connections.
                }

                tail = seen[Math.Max(0, seen.Length - CommitComplete.Length + 1)..];
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
