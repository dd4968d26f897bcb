using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid.Tests.Understanding;

/// <summary>A strict little WebVTT parser (per the W3C WebVTT spec's cue syntax), for validating chapters.vtt.</summary>
internal static partial class WebVttParser
{
    public sealed record Cue(string? Id, double Start, double End, string Text);

    public static IReadOnlyList<Cue> Parse(string vtt)
    {
        var blocks = vtt.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n");
        var header = blocks[0].Split('\n')[0];
        if (header != "WEBVTT" && !header.StartsWith("WEBVTT ", StringComparison.Ordinal) && !header.StartsWith("WEBVTT\t", StringComparison.Ordinal))
        {
            throw new FormatException("missing WEBVTT header");
        }

        var cues = new List<Cue>();
        foreach (var block in blocks.Skip(1).Where(b => b.Trim().Length > 0))
        {
            var lines = block.Split('\n');
            var timingIndex = lines[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            if (timingIndex == 1 && lines[0].Contains("-->", StringComparison.Ordinal))
            {
                throw new FormatException("cue id contains -->");
            }

            var match = Timing().Match(lines[timingIndex]);
            if (!match.Success)
            {
                throw new FormatException($"bad cue timing: {lines[timingIndex]}");
            }

            var start = Seconds(match.Groups[1].Value);
            var end = Seconds(match.Groups[2].Value);
            if (end <= start)
            {
                throw new FormatException($"cue ends before it starts: {lines[timingIndex]}");
            }

            var text = string.Join('\n', lines.Skip(timingIndex + 1));
            if (text.Contains("-->", StringComparison.Ordinal))
            {
                throw new FormatException("cue text contains -->");
            }

            cues.Add(new Cue(timingIndex == 1 ? lines[0] : null, start, end, text));
        }

        return cues;
    }

    private static double Seconds(string stamp)
    {
        var parts = stamp.Split(':');
        double total = 0;
        foreach (var part in parts)
        {
            total = total * 60 + double.Parse(part, CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GeneratedRegex(@"^((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})[ \t]+-->[ \t]+((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})(?:[ \t].*)?$")]
    private static partial Regex Timing();
}
