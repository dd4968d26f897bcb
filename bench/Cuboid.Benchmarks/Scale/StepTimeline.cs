using System.Text.Json.Nodes;
using Npgsql;

namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// Every step run of a cluster's queue, read from Hangfire's own tables (<c>hangfire.job</c>, <c>hangfire.state</c>):
/// the state rows carry the time each job was enqueued, started and finished, written by the process that moved it.
/// All processes share this machine's clock, so differences are exact to the clock's resolution.
/// </summary>
internal static class StepTimeline
{
    public static async Task<IReadOnlyList<StepRun>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT j.id, j.invocationdata::text, j.arguments::text, s.name, s.createdat, s.data::text " +
            "FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id ORDER BY j.id, s.id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<StepRun>();
        long job = -1;
        string step = "", item = "", queue = "";
        DateTime? enqueued = null, started = null;
        while (await reader.ReadAsync())
        {
            if (reader.GetInt64(0) != job)
            {
                job = reader.GetInt64(0);
                step = Method(reader.GetString(1));
                item = FirstArgument(reader.GetString(2));
                queue = step is "PrepareAsync" or "FinishAsync" ? "media" : "providers";
                enqueued = started = null;
            }

            var at = reader.GetDateTime(4);
            switch (reader.GetString(3))
            {
                case "Enqueued":
                    enqueued = at;
                    queue = reader.IsDBNull(5) ? queue : (string?)JsonNode.Parse(reader.GetString(5))?["Queue"] ?? queue;
                    break;
                case "Processing":
                    started = at;
                    break;
                case "Succeeded" or "Failed" or "Deleted" when started is { } start && enqueued is { } queued:
                    runs.Add(new StepRun(job, step, item, queue, queued, start, at));
                    started = null;
                    break;
            }
        }

        return runs;
    }

    /// <summary>The method name from Hangfire's invocation data (<c>m</c> in its compact form, <c>Method</c> in the old).</summary>
    private static string Method(string invocation)
    {
        var data = JsonNode.Parse(invocation)!;
        return (string?)(data["m"] ?? data["Method"]) ?? "?";
    }

    /// <summary>The item id, the first argument: a JSON array of JSON-serialised values (<c>["\"video_…\"",…]</c>).</summary>
    private static string FirstArgument(string arguments) =>
        JsonNode.Parse(arguments)?.AsArray() is [{ } first, ..] ? ((string?)first ?? "").Trim('"') : "";
}
