namespace Cuboid.Testing.Postgres;

/// <summary>
/// A <see cref="PostgresRelayProxy"/> that, once armed (<see cref="DropNextCommitAck"/>), cuts the connection that
/// carries the next COMMIT's acknowledgement (the server's <c>CommandComplete "COMMIT"</c> message) instead of relaying
/// it. The commit took effect; the client never hears so, as when the server restarts or the network breaks then.
/// </summary>
public sealed class CommitAckDropProxy : PostgresRelayProxy
{
    // CommandComplete: 'C', its length (4 + "COMMIT\0"), the tag.
    private static readonly byte[] CommitComplete = [(byte)'C', 0, 0, 0, 11, .. "COMMIT"u8, 0];

    private int _armed;
    private int _dropped;

    private CommitAckDropProxy(string connectionString)
        : base(connectionString)
    {
    }

    /// <summary>How many acknowledgements were dropped.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Starts relaying to the server of <paramref name="connectionString"/>.</summary>
    public static CommitAckDropProxy Start(string connectionString) => new(connectionString);

    /// <summary>Arms the proxy: the next COMMIT acknowledgement on any connection is dropped with its connection.</summary>
    public void DropNextCommitAck() => Interlocked.Exchange(ref _armed, 1);

    protected override Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<bool>> Watch(bool fromClient)
    {
        if (fromClient)
        {
            return static (_, _) => ValueTask.FromResult(true);
        }

        byte[] tail = [];
        return (chunk, _) =>
        {
            if (Volatile.Read(ref _armed) == 1)
            {
                // The tag may straddle two reads: search the end of the previous one too.
                byte[] seen = [.. tail, .. chunk.Span];
                if (seen.AsSpan().IndexOf(CommitComplete) >= 0 && Interlocked.Exchange(ref _armed, 0) == 1)
                {
                    Interlocked.Increment(ref _dropped);
                    return ValueTask.FromResult(false); // Never relayed.
                }

                tail = seen[Math.Max(0, seen.Length - CommitComplete.Length + 1)..];
            }

            return ValueTask.FromResult(true);
        };
    }
}
