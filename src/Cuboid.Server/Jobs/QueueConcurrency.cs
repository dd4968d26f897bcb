using System.Globalization;

namespace Cuboid.Server.Jobs;

/// <summary>One queue a worker takes steps from, and how many of its steps it runs at once.</summary>
public sealed record QueueConcurrency(string Queue, int Workers)
{
    /// <summary>Parses <c>media:1,providers:8</c> (a queue without a count gets one worker); throws a usage error.</summary>
    public static IReadOnlyList<QueueConcurrency> ParseList(string text)
    {
        var queues = new List<QueueConcurrency>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            var name = pieces[0].ToLowerInvariant();
            var workers = 1;
            // Hangfire queue names are lower-case letters, digits and underscores.
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
                || (pieces.Length == 2 && (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out workers) || workers is < 1 or > 256))
                || queues.Any(q => q.Queue == name))
            {
                throw CuboidException.Usage($"--queues must look like media:1,providers:8 (each queue once, 1 to 256 workers), not '{text}'");
            }

            queues.Add(new QueueConcurrency(name, workers));
        }

        return queues.Count > 0 ? queues : throw CuboidException.Usage("--queues names no queue; e.g. media:1,providers:8");
    }
}
