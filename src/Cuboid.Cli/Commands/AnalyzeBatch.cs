using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Formatting;
using Cuboid.Storage;
using Cuboid.Understanding.Reports;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary>
/// <c>cuboid analyze DIR_OR_LIST --server URL</c>: a corpus as one batch on a gateway. Every video of the folder
/// (recursively) or of the list (one path per line) is uploaded to one batch; one progress view is redrawn (done,
/// running, failed, dollars); each finished report is downloaded into <c>OUT/NNN-name/</c>, and <c>OUT/batch.json</c>
/// and <c>OUT/index.html</c> list them all. A video finished by an earlier run into the same folder (same content hash,
/// its report still there) is not sent again; a video the server refuses is listed as failed and the rest go on.
/// </summary>
public static class AnalyzeBatch
{
    public const string IndexFile = "index.html";
    public const string BatchFile = "batch.json";

    private static readonly string[] VideoExtensions = [".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".mpg", ".mpeg", ".ts", ".wmv", ".flv"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CliConsole console, string input, Uri server, string? key, object options, string? output, CancellationToken cancellationToken)
    {
        _lastLine = null;
        var videos = Videos(input);
        var folder = Path.GetFullPath(output ?? input.TrimEnd('/', '\\') + ".cuboid-batch");
        Directory.CreateDirectory(folder);
        var earlier = Earlier(folder);
        using var client = new BatchClient(server, key);
        var batchId = await client.CreateBatchAsync(options, cancellationToken);
        var entries = new List<Entry>();
        for (var i = 0; i < videos.Count; i++)
        {
            var (path, name) = videos[i];
            var hash = await ContentHash.OfFileAsync(path, cancellationToken);
            var entry = new Entry { Name = name, Path = path, Sha256 = hash, Folder = $"{i + 1:000}-{Safe(Path.GetFileNameWithoutExtension(name))}" };
            if (earlier.TryGetValue(hash, out var done) && File.Exists(Path.Combine(folder, done.Folder, ReportWriter.HtmlFile)))
            {
                // Finished by an earlier run into this folder: kept as it is, nothing sent, nothing paid.
                entries.Add(done with { Name = name, Path = path, Reused = true, Dollars = 0m });
                continue;
            }

            var (itemId, error) = await client.AddVideoAsync(batchId, path, name, cancellationToken);
            entries.Add(entry with { ItemId = itemId, Status = itemId is null ? "failed" : "queued", Error = error });
            Progress(console, entries, videos.Count, uploading: true);
        }

        JsonObject batch = await WaitAsync(console, client, batchId, entries, videos.Count, cancellationToken);
        foreach (var video in batch["videos"]!.AsArray())
        {
            var entry = entries.First(e => e.ItemId == (string)video!["id"]!);
            var updated = entry with
            {
                Status = (string)video!["status"]!,
                Error = (string?)video["error"],
                Dollars = (decimal)video["dollars"]!,
                Reused = video["reused_from"] is not null,
            };
            if (updated.Status == "completed")
            {
                var target = Path.Combine(folder, updated.Folder);
                Directory.CreateDirectory(target);
                await client.DownloadAsync($"v1/batches/{batchId}/videos/{updated.ItemId}/report.json", Path.Combine(target, ReportWriter.JsonFile), cancellationToken);
                await client.DownloadAsync($"v1/batches/{batchId}/videos/{updated.ItemId}/report", Path.Combine(target, ReportWriter.HtmlFile), cancellationToken);
            }

            entries[entries.IndexOf(entry)] = updated;
        }

        await WriteIndexAsync(folder, Path.GetFileName(input.TrimEnd('/', '\\')), batchId, server, entries, cancellationToken);
        var failed = entries.Count(e => e.Status == "failed");
        await console.Out.WriteLineAsync($"{DisplayFormat.Count(entries.Count - failed)} of {DisplayFormat.Count(entries.Count, "video")} done, {DisplayFormat.Count(failed)} failed, {DisplayFormat.Dollars(entries.Sum(e => e.Dollars))}; index: {Path.Combine(folder, IndexFile)}");
        foreach (var entry in entries.Where(e => e.Status == "failed"))
        {
            await console.Error.WriteLineAsync($"cuboid: {entry.Name}: {entry.Error}");
        }

        return failed > 0 ? ExitCodes.Input : ExitCodes.Ok;
    }

    /// <summary>The videos of a folder (recursively, by extension) or of a list file (one path per line, relative to the list; # comments).</summary>
    public static IReadOnlyList<(string Path, string Name)> Videos(string input)
    {
        if (Directory.Exists(input))
        {
            var root = Path.GetFullPath(input);
            var found = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => VideoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && !f.Contains(".cuboid", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, Path.GetRelativePath(root, f).Replace('\\', '/')))
                .ToList();
            return found.Count > 0 ? found : throw CuboidException.Input($"{input} holds no video ({string.Join(", ", VideoExtensions)})");
        }

        if (!File.Exists(input))
        {
            throw CuboidException.Input($"{input} does not exist: give a folder of videos or a list file with one path per line");
        }

        var listFolder = Path.GetDirectoryName(Path.GetFullPath(input))!;
        var listed = File.ReadAllLines(input)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (Path.GetFullPath(Path.Combine(listFolder, line)), line))
            .ToList();
        var missing = listed.FirstOrDefault(v => !File.Exists(v.Item1));
        return listed.Count == 0 ? throw CuboidException.Input($"{input} lists no video")
            : missing.Item1 is not null ? throw CuboidException.Input($"{input} lists {missing.line}, which does not exist")
            : listed;
    }

    private static async Task<JsonObject> WaitAsync(CliConsole console, BatchClient client, string batchId, List<Entry> entries, int total, CancellationToken cancellationToken)
    {
        var sent = entries.Count(e => e.ItemId is not null);
        while (true)
        {
            var batch = await client.GetBatchAsync(batchId, cancellationToken);
            foreach (var video in batch["videos"]!.AsArray())
            {
                var index = entries.FindIndex(e => e.ItemId == (string)video!["id"]!);
                entries[index] = entries[index] with { Status = (string)video!["status"]!, Dollars = (decimal)video["dollars"]! };
            }

            Progress(console, entries, total, uploading: false);
            if ((int)batch["total"]! == sent && batch["videos"]!.AsArray().All(v => (string)v!["status"]! is "completed" or "failed"))
            {
                if (console.Interactive)
                {
                    await console.Out.WriteLineAsync();
                }

                return batch;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static string? _lastLine;

    /// <summary>One progress line: redrawn in place on a terminal, printed when it changes otherwise.</summary>
    private static void Progress(CliConsole console, List<Entry> entries, int total, bool uploading)
    {
        var count = (string status) => entries.Count(e => e.Status == status);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{(uploading ? $"uploaded {entries.Count}/{total} · " : string.Empty)}done {count("completed")} · running {count("running")} · queued {count("queued")} · failed {count("failed")} · {DisplayFormat.Dollars(entries.Sum(e => e.Dollars))}");
        if (line == _lastLine)
        {
            return;
        }

        _lastLine = line;
        if (console.Interactive)
        {
            console.Ansi.Write(new Text("\r" + line.PadRight(Math.Min(console.Width ?? 100, 120) - 1)));
        }
        else
        {
            console.Out.WriteLine(line);
        }
    }

    private static async Task WriteIndexAsync(string folder, string title, string batchId, Uri server, List<Entry> entries, CancellationToken cancellationToken)
    {
        var index = new List<BatchIndexEntry>();
        foreach (var entry in entries)
        {
            var reportJson = Path.Combine(folder, entry.Folder, ReportWriter.JsonFile);
            var report = entry.Status == "completed" && File.Exists(reportJson) ? JsonNode.Parse(await File.ReadAllTextAsync(reportJson, cancellationToken)) : null;
            index.Add(BatchIndexEntry.WithReport(entry.Name, entry.Status, entry.Dollars, $"{Uri.EscapeDataString(entry.Folder)}/{ReportWriter.HtmlFile}", entry.Error, report) with
            {
                Reused = entry.Reused,
            });
        }

        var document = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["batch"] = batchId,
            ["server"] = server.ToString(),
            ["writtenAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["dollars"] = entries.Sum(e => e.Dollars),
            ["videos"] = new JsonArray([.. entries.Select(e => new JsonObject
            {
                ["name"] = e.Name,
                ["path"] = e.Path,
                ["sha256"] = e.Sha256,
                ["status"] = e.Status,
                ["error"] = e.Error,
                ["dollars"] = e.Dollars,
                ["reused"] = e.Reused,
                ["folder"] = e.Folder,
                ["report"] = e.Status == "completed" ? $"{e.Folder}/{ReportWriter.HtmlFile}" : null,
            })]),
        };
        await WriteAtomicallyAsync(Path.Combine(folder, BatchFile), document.ToJsonString(Indented), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(folder, IndexFile), BatchIndexHtmlWriter.Write(title, index, DateTimeOffset.UtcNow), cancellationToken);
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path + ".partial", text, cancellationToken);
        File.Move(path + ".partial", path, overwrite: true);
    }

    /// <summary>The completed videos of an earlier batch.json in the same folder, by content hash.</summary>
    private static Dictionary<string, Entry> Earlier(string folder)
    {
        var path = Path.Combine(folder, BatchFile);
        var found = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return found;
        }

        try
        {
            foreach (var video in JsonNode.Parse(File.ReadAllText(path))?["videos"]?.AsArray() ?? [])
            {
                if ((string?)video?["status"] == "completed" && (string?)video["sha256"] is { } hash && (string?)video["folder"] is { } done)
                {
                    found[hash] = new Entry { Name = (string)video["name"]!, Path = (string)video["path"]!, Sha256 = hash, Folder = done, Status = "completed" };
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable index is written again from scratch.
        }

        return found;
    }

    private static string Safe(string name)
    {
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('-', '.');
        return safe.Length == 0 ? "video" : safe[..Math.Min(safe.Length, 60)];
    }

    private sealed record Entry
    {
        public required string Name { get; init; }

        public required string Path { get; init; }

        public required string Sha256 { get; init; }

        public required string Folder { get; init; }

        public string? ItemId { get; init; }

        public string Status { get; init; } = "queued";

        public string? Error { get; init; }

        public decimal Dollars { get; init; }

        public bool Reused { get; init; }
    }
}
