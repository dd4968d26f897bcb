namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Wraps a streamed response body and watches its lines. A body that ends before the protocol's terminator
/// (<c>data: [DONE]</c>, <c>message_stop</c>, <c>"done": true</c>) throws <see cref="ProviderFailureKind.BadResponse"/>,
/// an error event inside the stream throws by the status it carries (<see cref="ProviderFailureKind.ServerError"/>
/// when it carries none), a dropped connection throws <see cref="ProviderFailureKind.ConnectionFailed"/>,
/// and a stream that goes silent for
/// longer than <paramref name="idleTimeout"/> on <paramref name="time"/>'s clock throws <see cref="ProviderFailureKind.Timeout"/>. SDKs otherwise end
/// such a stream quietly (or wait forever) and the caller takes half an answer for a whole one.
/// </summary>
internal sealed class StreamTerminatorGuard(Stream inner, WireProtocol protocol, ProviderEndpoint endpoint, TimeSpan idleTimeout, TimeProvider time) : Stream
{
    // Terminators and error events are short; a longer line is content and is not inspected. The buffer
    // starts small and grows, so a stream of short events costs a few hundred bytes.
    private const int LineLimit = 64 * 1024;
    private byte[] _line = new byte[512];
    private int _lineLength;
    private bool _lineOverflow;
    private bool _terminated;

    // One watchdog and one linked token per stream, not a timer and a linked token per read.
    private readonly IdleWatchdog _watchdog = new(time);
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedTo;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (IOException ex)
        {
            throw Dropped(ex);
        }
        return Observe(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        _watchdog.Begin(idleTimeout);
        try
        {
            var pending = inner.ReadAsync(buffer, TokenFor(cancellationToken));
            if (!pending.IsCompleted)
                _watchdog.Watch();
            read = await pending.ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw Dropped(ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProviderFailures.Create(endpoint, ProviderFailureKind.Timeout,
                $"{endpoint.Id} stalled: the stream sent nothing for {idleTimeout.TotalSeconds:0.###} s", inner: ex);
        }
        finally
        {
            _watchdog.End();
        }
        return Observe(buffer.Span[..read]);
    }

    /// <summary>The caller's token joined with the watchdog's, linked once for as long as the caller passes the same token.</summary>
    private CancellationToken TokenFor(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
            return _watchdog.Token;
        if (_linked is null || _linkedTo != cancellationToken)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _watchdog.Token);
            _linkedTo = cancellationToken;
        }
        return _linked.Token;
    }

    private int Observe(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            if (_lineLength > 0)
                EndLine();
            if (!_terminated)
            {
                throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse,
                    $"{endpoint.Id} ended the stream before its terminator ({protocol.Terminator}); the answer is incomplete");
            }
            return 0;
        }
        var length = chunk.Length;
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            Append(newline < 0 ? chunk : chunk[..newline]);
            if (newline < 0)
                break;
            EndLine();
            chunk = chunk[(newline + 1)..];
        }
        return length;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_lineOverflow || part.IsEmpty)
            return;
        var needed = _lineLength + part.Length;
        if (needed > LineLimit)
        {
            _lineOverflow = true;
            return;
        }
        if (needed > _line.Length)
            Array.Resize(ref _line, Math.Min(LineLimit, Math.Max(needed, _line.Length * 2)));
        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength = needed;
    }

    private void EndLine()
    {
        var line = _line.AsSpan(0, _lineLength);
        if (!_lineOverflow)
        {
            if (protocol.StreamError(line) is { } error)
                throw ProviderFailures.FromEmbedded(endpoint, error, "mid-stream");
            if (protocol.StreamLineProblem(line) is { } problem)
                throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} sent an unusable stream: {problem}");
            if (protocol.IsTerminator(line))
                _terminated = true;
        }
        _lineLength = 0;
        _lineOverflow = false;
    }

    private ProviderCallException Dropped(IOException ex) =>
        ProviderFailures.Create(endpoint, ProviderFailureKind.ConnectionFailed, $"{endpoint.Id} dropped the connection mid-stream: {ex.Message}", inner: ex);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _watchdog.Dispose();
            _linked?.Dispose();
        }
        base.Dispose(disposing);
    }
}
