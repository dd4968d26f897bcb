using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- gateway-timeline [requests] [--out FILE]</c>: where a
/// chat completion through a gateway waits. Calls go one at a time to the bare .NET proxy and to Cuboid (plain and
/// streamed); an <see cref="EventListener"/> in this process (which holds the client, the gateways and the upstream)
/// records the ASP.NET Core hosting and <c>System.Net.Http</c> events of each call with the time and thread they fired
/// on. Every call of a target fires the same events in the same order, so the table gives, per event, the median time
/// since the client started the call and since the event before, and how often the thread changed between them (a
/// hand-off: a continuation queued to another thread).
/// </summary>
internal static class GatewayTimelineRun
{
    public static async Task RunAsync(int requests, string output)
    {
        await using var upstream = await FastOpenAIUpstream.StartAsync();
        IReadOnlyList<Cuboid.Portfolio.CatalogModel> models = [BenchGateway.Model($"bench:{FastOpenAIUpstream.Model}", 0.15m, 0.6m, 90)];
        await using var cuboid = await BenchGateway.StartAsync(upstream.BaseUri, models, new Cuboid.Portfolio.ResilienceSettings { CallTimeoutSeconds = 10 });
        await using var bare = await BareProxy.StartAsync(upstream.BaseUri);
        var secret = cuboid.CreateKey("timeline");
        OverheadTarget[] targets =
        [
            new("direct", new Uri(upstream.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>()),
            new("bare .NET proxy", new Uri(bare.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>()),
            new("cuboid", new Uri(cuboid.BaseUri, "v1/chat/completions"), $"bench:{FastOpenAIUpstream.Model}",
                new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" }),
        ];
        var ports = new Dictionary<int, string>
        {
            [upstream.BaseUri.Port] = "upstream",
            [bare.BaseUri.Port] = "bare",
            [cuboid.BaseUri.Port] = "cuboid",
        };

        // Tiered compilation must be done before anything is timed: every target and mode, then time for the rejit queue.
        foreach (var target in targets)
        {
            for (var i = 0; i < 1500; i++)
            {
                await target.CompleteAsync(streamed: i % 2 == 0);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        using var listener = new TimelineListener(ports);
        var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{requests} calls per target and mode, one at a time, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {MachineConditions.Describe()}.").AppendLine();
        foreach (var streamed in new[] { false, true })
        {
            foreach (var target in targets)
            {
                for (var i = 0; i < 50; i++)
                {
                    await target.CompleteAsync(streamed);
                }

                var calls = new List<List<TimelineEvent>>();
                for (var i = 0; i < requests; i++)
                {
                    listener.Start();
                    var start = Stopwatch.GetTimestamp();
                    await target.CompleteAsync(streamed);
                    var end = Stopwatch.GetTimestamp();
                    var events = listener.Stop();
                    events.Insert(0, new TimelineEvent(start, "client: call starts", Environment.CurrentManagedThreadId));
                    events.Add(new TimelineEvent(end, "client: call returns", Environment.CurrentManagedThreadId));
                    calls.Add(events);
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"**{target.Name}, {(streamed ? "streamed" : "plain")}**").AppendLine().Append(Table(calls)).AppendLine();
            }
        }

        foreach (var target in targets)
        {
            target.Dispose();
        }

        Console.WriteLine(report);
        await File.WriteAllTextAsync(output, report.ToString());
    }

    private static string Table(List<List<TimelineEvent>> calls)
    {
        // Calls whose events differ from the most common sequence (a connection opened, a timer fired) are left out.
        var shapes = calls.GroupBy(c => string.Join("|", c.Select(e => e.Name))).OrderByDescending(g => g.Count()).ToList();
        var kept = shapes[0].ToList();
        var names = kept[0].Select(e => e.Name).ToList();
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{kept.Count} of {calls.Count} calls had this sequence ({shapes.Count} sequences).").AppendLine()
            .AppendLine("| # | Event | µs since start (p50) | µs since previous (p50) | p90 | thread changed |")
            .AppendLine("|--:|---|--:|--:|--:|--:|");
        for (var i = 0; i < names.Count; i++)
        {
            var since = kept.Select(c => Micro(c[i].Timestamp - c[0].Timestamp)).ToList();
            var step = kept.Select(c => i == 0 ? 0 : Micro(c[i].Timestamp - c[i - 1].Timestamp)).ToList();
            var hops = i == 0 ? 0 : kept.Count(c => c[i].Thread != c[i - 1].Thread) * 100.0 / kept.Count;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {i} | {names[i]} | {LatencySample.Percentile(since, 50):0} | {LatencySample.Percentile(step, 50):0} | {LatencySample.Percentile(step, 90):0} | {hops:0}% |");
        }

        return table.ToString();
    }

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private sealed record TimelineEvent(long Timestamp, string Name, int Thread);

    private sealed class TimelineListener(IReadOnlyDictionary<int, string> ports) : EventListener
    {
        private ConcurrentQueue<TimelineEvent>? _events;

        public void Start() => _events = new ConcurrentQueue<TimelineEvent>();

        public List<TimelineEvent> Stop()
        {
            var events = _events!.OrderBy(e => e.Timestamp).ToList();
            _events = null;
            return events;
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name is "System.Net.Http" or "Microsoft.AspNetCore.Hosting")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
            else if (eventSource.Name is "Microsoft-AspNetCore-Server-Kestrel")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            var now = Stopwatch.GetTimestamp();
            if (_events is not { } events || e.EventName is null || e.EventName.StartsWith("Connection", StringComparison.Ordinal) || e.EventName == "EventCounters")
            {
                return;
            }

            var name = e.EventSource.Name switch
            {
                "System.Net.Http" when e.EventName == "RequestStart" && e.Payload is { Count: > 2 } p && p[2] is int port => $"http client: RequestStart → {ports.GetValueOrDefault(port, port.ToString(CultureInfo.InvariantCulture))}",
                "System.Net.Http" => "http client: " + e.EventName,
                "Microsoft.AspNetCore.Hosting" => "hosting: " + e.EventName,
                _ => "kestrel: " + e.EventName,
            };
            events.Enqueue(new TimelineEvent(now, name, Environment.CurrentManagedThreadId));
        }
    }
}
