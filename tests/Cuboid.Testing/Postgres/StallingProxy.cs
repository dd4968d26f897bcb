using System.Buffers.Binary;

namespace Cuboid.Testing.Postgres;

/// <summary>
/// A <see cref="PostgresRelayProxy"/> that, while stalled (<see cref="Stall"/> until <see cref="Resume"/>), holds back
/// what clients send: the server answers, the client's next message never arrives, as when the client's thread is
/// starved or descheduled between two round trips. It also counts
/// the statements clients send (<see cref="Statements"/>: extended-protocol Parse messages; Npgsql's own BEGIN, COMMIT
/// and connection reset go as pregenerated simple queries, not counted).
/// </summary>
public sealed class StallingProxy : PostgresRelayProxy
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _flowing = Flowing();
    private int _statements;

    private StallingProxy(string connectionString)
        : base(connectionString) => _flowing.SetResult();

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

    public override async ValueTask DisposeAsync()
    {
        Resume();
        await base.DisposeAsync();
    }

    protected override Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> Watch(bool fromClient)
    {
        if (!fromClient)
        {
            return static (_, _) => ValueTask.FromResult(true);
        }

        var messages = new ClientMessages();
        return async (chunk, cancellationToken) =>
        {
            Interlocked.Add(ref _statements, messages.CountStatements(chunk.Span));
            Task flowing;
            lock (_gate)
            {
                flowing = _flowing.Task;
            }

            await flowing.WaitAsync(cancellationToken);
            return true;
        };
    }

    private static TaskCompletionSource Flowing() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
