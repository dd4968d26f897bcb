using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid.Media;

/// <summary>
/// Reads ffmpeg's stderr when it runs with <c>-v level+info</c>: each line carries a <c>[warning]</c> or
/// <c>[error]</c> tag, so decoding problems (corrupt frames) can be surfaced as warnings while the
/// informational chatter is ignored. Thread-safe: lines arrive from the stderr pump.
/// </summary>
internal sealed partial class FfmpegLog
{
    private const int MaxWarnings = 50;

    // Messages ffmpeg prints on every healthy run that would only alarm a user.
    private static readonly string[] Noise =
    [
        "deprecated pixel format used",
        "does not contain an image sequence pattern",
        "Use a pattern such as %03d",
        "-vsync is deprecated",
        "Output file is empty, nothing was encoded",
    ];

    private readonly List<string> _warnings = [];
    private readonly List<double> _frameTimes = [];
    private int _suppressed;

    /// <summary>The ffmpeg arguments that make stderr parseable by this class.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["-hide_banner", "-nostdin", "-nostats", "-v", "level+info"];

    /// <summary>Distinct warnings and errors ffmpeg reported, in order, at most 50 (then a count of the rest).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return _suppressed == 0 ? [.. _warnings] : [.. _warnings, $"... and {_suppressed} more ffmpeg warnings"];
            }
        }
    }

    /// <summary>Presentation times (seconds, as ffmpeg saw them) of frames that passed a <c>showinfo</c> filter, in order.</summary>
    public IReadOnlyList<double> FrameTimes
    {
        get
        {
            lock (_frameTimes)
            {
                return [.. _frameTimes];
            }
        }
    }

    /// <summary>Feeds one stderr line; pass this method as <c>onStderrLine</c> to <see cref="MediaProcess.Start"/>.</summary>
    public void Add(string line)
    {
        if (line.Contains("Parsed_showinfo", StringComparison.Ordinal))
        {
            var match = PtsTime().Match(line);
            if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                lock (_frameTimes)
                {
                    _frameTimes.Add(seconds);
                }
            }

            return;
        }

        var level = line.Contains("[error]", StringComparison.Ordinal) || line.Contains("[fatal]", StringComparison.Ordinal)
            || line.Contains("[warning]", StringComparison.Ordinal);
        if (!level || Noise.Any(n => line.Contains(n, StringComparison.Ordinal)))
        {
            return;
        }

        var message = Tags().Replace(line, string.Empty).Trim();
        lock (_warnings)
        {
            if (_warnings.Contains(message))
            {
                return;
            }

            if (_warnings.Count < MaxWarnings)
            {
                _warnings.Add(message);
            }
            else
            {
                _suppressed++;
            }
        }
    }

    [GeneratedRegex(@"pts_time:\s*(-?[0-9.eE+-]+)")]
    private static partial Regex PtsTime();

    // "[h264 @ 0x55d0c] [error] " prefixes: the component address and the level tag.
    [GeneratedRegex(@"\[[^\]]*@ 0x[0-9a-f]+\]\s*|\[(warning|error|fatal|info)\]\s*")]
    private static partial Regex Tags();
}
