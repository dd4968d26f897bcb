using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cuboid.Testing.Postgres;

/// <summary>
/// A loopback TCP proxy in front of a PostgreSQL server that relays the wire protocol both ways and, while stalled
/// (<see cref="Stall"/> until <see cref="Resume"/>), holds back what clients send: the server answers, the client's next
/// message never arrives, as when the client's thread is starved or descheduled between two round trips. It also counts
/// the statements clients send (<see cref="Statements"/>: extended-protocol Parse messages; Npgsql's own BEGIN, COMMIT
/// and connection reset go as pregenerated simple queries, not counted).
/// </summary>
public sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private TaskCompletionSource _flowing = Flowing();
    private int _statements;

    private StallingProxy(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        (_host, _port) = (target.Host ?? "127.0.0.1", target.Port);
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port, SslMode = SslMode.Disable,
        }.ConnectionString;
        _flowing.SetResult();
        _accepting = AcceptAsync();
    }

    /// <summary>The target's connection string, pointed at the proxy.</summary>
    public string ConnectionString { get; }

    /// <summary>How many statements (Parse messages) clients have sent so far.</summary>
    public int Statements => Volatile.Read(ref _statements);

    /// <summary>Starts relaying to the server of <paramref name="connectionString"/>.</summary>
    public static StallingProxy Start(string connectionString) => new(connectionString);

    /// <summary>From now on, bytes clients send are held (not relayed) until <see cref="Resume"/>.</summary>
    public void Stall()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = Flowing();
            }
        }
    }

    /// <summary>Relays the held bytes, and everything after.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private static TaskCompletionSource Flowing() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
                var up = PumpAsync(client.GetStream(), server.GetStream(), gated: true, cut.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), gated: false, cut.Token);
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

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool gated, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var messages = new ClientMessages();
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            if (gated)
            {
                Interlocked.Add(ref _statements, messages.CountStatements(buffer.AsSpan(0, read)));
                Task flowing;
                lock (_gate)
                {
                    flowing = _flowing.Task;
                }

                await flowing.WaitAsync(cancellationToken);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Splits what one client sends into messages: untyped ones (SSL or GSS request, then the startup), then typed.</summary>
    private sealed class ClientMessages
    {
        private const int SslRequest = 80877103;
        private const int GssRequest = 80877104;
        private readonly byte[] _header = new byte[8];
        private bool _typed;
        private int _headerLength;
        private long _bodyLeft;

        public int CountStatements(ReadOnlySpan<byte> data)
        {
            var statements = 0;
            while (data.Length > 0)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, data.Length);
                    _bodyLeft -= skip;
                    data = data[skip..];
                    continue;
                }

                // Typed: a type byte and a length (which counts itself); untyped: the length, then a code.
                var headerSize = _typed ? 5 : 8;
                var take = Math.Min(headerSize - _headerLength, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerLength));
                _headerLength += take;
                data = data[take..];
                if (_headerLength < headerSize)
                {
                    break;
                }

                _headerLength = 0;
                if (_typed)
                {
                    statements += _header[0] == (byte)'P' ? 1 : 0;
                    _bodyLeft = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1)) - 4;
                }
                else
                {
                    var code = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4));
                    _typed = code is not (SslRequest or GssRequest);
                    _bodyLeft = BinaryPrimitives.ReadInt32BigEndian(_header) - 8;
                }
            }

            return statements;
        }
    }
}
