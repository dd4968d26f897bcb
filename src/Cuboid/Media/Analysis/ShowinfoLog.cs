using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Cuboid.Media.Probe;

namespace Cuboid.Media.Analysis;

/// <summary>
/// Reads ffmpeg's stderr during the analysis pass. The raw frames on stdout carry no timestamps, so a
/// <c>showinfo</c> filter placed just before the pipe prints each frame's exact presentation timestamp; its lines
/// arrive here in frame order. A second <c>showinfo</c> on the export branch says which frames were written as
/// JPEG candidates. Everything else (warnings, errors) is kept as a short tail for error messages.
/// </summary>
internal sealed class ShowinfoLog
{
    public const string AnalysisFilter = "showinfo@cuboid_analysis";
    public const string ExportFilter = "showinfo@cuboid_export";
    private const int TailLines = 24;

    private readonly Queue<string> _tail = new();
    private double _analysisTimeBase = double.NaN;
    private double _exportTimeBase = double.NaN;
    private int _decodeErrors;
    private volatile bool _missingData;

    public Channel<FrameStamp> AnalysisStamps { get; } = Channel.CreateUnbounded<FrameStamp>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public ConcurrentQueue<FrameStamp> ExportStamps { get; } = new();

    /// <summary>Decoder complaints (corrupt or undecodable data) seen so far.</summary>
    public int DecodeErrors => Volatile.Read(ref _decodeErrors);

    /// <summary>Whether the demuxer said the file ends before data its header promised (see <see cref="TruncationCheck"/>).</summary>
    public bool MissingData => _missingData;

    /// <summary>The first decoder complaint, for a warning line.</summary>
    public string? FirstDecodeError { get; private set; }

    /// <summary>Lines that were not frame reports, last ones only.</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_tail)
            {
                return [.. _tail];
            }
        }
    }

    public void OnLine(string line)
    {
        if (line.StartsWith('[') && Parse(line))
        {
            return;
        }

        if (line.StartsWith("  side data", StringComparison.Ordinal) || line.StartsWith("    ", StringComparison.Ordinal))
        {
            return; // showinfo's continuation lines.
        }

        if (TruncationCheck.IsMissingData(line))
        {
            // Not corruption: the file stops early, which the pass reports once as truncation.
            _missingData = true;
        }
        else if (line.StartsWith('[') && (line.Contains("error", StringComparison.OrdinalIgnoreCase)
            || line.Contains("corrupt", StringComparison.OrdinalIgnoreCase) || line.Contains("invalid", StringComparison.OrdinalIgnoreCase)))
        {
            FirstDecodeError ??= line.Trim();
            Interlocked.Increment(ref _decodeErrors);
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private bool Parse(string line)
    {
        var span = line.AsSpan(1);
        bool analysis;
        if (span.StartsWith(AnalysisFilter + " ", StringComparison.Ordinal))
        {
            analysis = true;
        }
        else if (span.StartsWith(ExportFilter + " ", StringComparison.Ordinal))
        {
            analysis = false;
        }
        else
        {
            return false;
        }

        var body = span[(span.IndexOf(']') + 1)..];
        var timeBaseAt = body.IndexOf("config in time_base:", StringComparison.Ordinal);
        if (timeBaseAt >= 0)
        {
            var rest = body[(timeBaseAt + "config in time_base:".Length)..].Trim();
            var slash = rest.IndexOf('/');
            var end = rest.IndexOf(',');
            if (slash > 0 && end > slash
                && long.TryParse(rest[..slash], NumberStyles.Integer, CultureInfo.InvariantCulture, out var num)
                && long.TryParse(rest[(slash + 1)..end], NumberStyles.Integer, CultureInfo.InvariantCulture, out var den) && den != 0)
            {
                // av_q2d: the same double ffmpeg's select filter multiplies timestamps by.
                var timeBase = num / (double)den;
                if (analysis)
                {
                    _analysisTimeBase = timeBase;
                }
                else
                {
                    _exportTimeBase = timeBase;
                }
            }

            return true;
        }

        if (!TryField(body, " n:", out var number) || !TryField(body, " pts:", out var pts))
        {
            return true; // Other showinfo chatter (config out, side data headers).
        }

        var time = (double)pts * (analysis ? _analysisTimeBase : _exportTimeBase);
        var stamp = new FrameStamp(number, pts, time);
        if (analysis)
        {
            AnalysisStamps.Writer.TryWrite(stamp);
        }
        else
        {
            ExportStamps.Enqueue(stamp);
        }

        return true;
    }

    private static bool TryField(ReadOnlySpan<char> body, string name, out long value)
    {
        value = 0;
        var at = body.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = body[(at + name.Length)..].TrimStart();
        var end = rest.IndexOf(' ');
        var token = end < 0 ? rest : rest[..end];
        if (token.SequenceEqual("NOPTS"))
        {
            value = long.MinValue;
            return true;
        }

        return long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
