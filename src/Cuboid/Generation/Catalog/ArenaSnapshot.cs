using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// A dated board from a public video arena, in the two shapes the arenas publish: TIGER-Lab GenAI-Arena's daily CSV
/// (<c>arena_elo/results/YYYYMMDD/video_generation_leaderboard.csv</c>: <c>key, Model, Arena Elo rating (anony), Arena
/// Elo rating (full), License, Organization, Link</c>; the task and the date come from that path), and the Artificial
/// Analysis API's JSON (<c>{"data": [{id, name, slug, model_creator, elo, rank, ci95, release_date}]}</c>; the task comes
/// from the endpoint named in the source, <c>text-to-video</c> or <c>image-to-video</c>, the date from a date in the source's
/// name, else the day it is read, since the API answers with today's board). Rows carry names, not Cuboid ids:
/// <see cref="VideoCatalogUpdater"/> maps them through each model's name and <see cref="VideoModel.ArenaNames"/>.
/// </summary>
internal static partial class ArenaSnapshot
{
    public const string GenAiArena = "genai-arena";

    public const string ArtificialAnalysis = "artificial-analysis";

    private const string AnonymousElo = "Arena Elo rating (anony)";

    /// <summary>Whether <paramref name="text"/> is one of the arena shapes (no validation beyond the shape).</summary>
    public static bool Recognises(string text) => IsGenAiArena(text) || ArtificialAnalysisRows(text) is not null;

    /// <summary>Reads a board; any row without a name or a numeric Elo fails the whole snapshot with its row number.</summary>
    public static (string Source, string Task, DateOnly Observed, IReadOnlyList<ArenaRow> Rows) Read(string text, string origin, DateOnly today)
    {
        if (IsGenAiArena(text))
        {
            return (GenAiArena, GenAiArenaTask(origin), DateIn(origin) ?? throw Invalid(origin,
                "has no date: read a dated GenAI-Arena board (arena_elo/results/YYYYMMDD/…), not 'latest'"), GenAiArenaRows(text, origin));
        }

        var rows = ArtificialAnalysisRows(text) ?? throw Invalid(origin, "is not an arena snapshot");
        return (ArtificialAnalysis, ArtificialAnalysisTask(origin), DateIn(origin) ?? today, ReadArtificialAnalysis(rows, origin));
    }

    private static bool IsGenAiArena(string text)
    {
        var start = text.AsSpan().TrimStart();
        var end = start.IndexOf('\n');
        return (end < 0 ? start : start[..end]).Contains(AnonymousElo, StringComparison.OrdinalIgnoreCase);
    }

    // GenAI-Arena names each board's file after its task: video_generation (text-to-video), t2i_generation, image_editing.
    private static string GenAiArenaTask(string origin)
    {
        var file = Path.GetFileName(origin.Replace('\\', '/').Split('?')[0]);
        return file.StartsWith("video_generation", StringComparison.OrdinalIgnoreCase) ? "t2v"
            : file.StartsWith("t2i_generation", StringComparison.OrdinalIgnoreCase) ? "t2i"
            : file.StartsWith("image_editing", StringComparison.OrdinalIgnoreCase) ? "i2i"
            : throw Invalid(origin, "is a GenAI-Arena board, but its file name does not say which (video_generation, t2i_generation or image_editing)_leaderboard.csv");
    }

    private static List<ArenaRow> GenAiArenaRows(string text, string origin)
    {
        var rows = new List<ArenaRow>();
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, ColNameComparer = StringComparer.OrdinalIgnoreCase, DisableColCountCheck = true }).FromText(text);
            var header = reader.Header;
            var (key, model, elo) = (Col(header, "key"), Col(header, "Model"), Col(header, AnonymousElo));
            var line = 1;
            foreach (var row in reader)
            {
                line++;
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var names = new[] { At(cells, key), At(cells, model) }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).ToList();
                if (names.Count == 0 || !double.TryParse(At(cells, elo), NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !double.IsFinite(rating))
                {
                    throw Invalid(origin, $"line {line} needs a model name and a numeric '{AnonymousElo}'");
                }

                rows.Add(new ArenaRow(names, rating));
            }
        }
        catch (InvalidDataException e)
        {
            throw Invalid(origin, $"is not a readable CSV ({e.Message})");
        }

        return rows.Count > 0 ? rows : throw Invalid(origin, "has no rows");
    }

    private static int Col(SepReaderHeader header, string name) => header.TryIndexOf(name, out var index) ? index : -1;

    private static string? At(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index] : null;

    private static JsonArray? ArtificialAnalysisRows(string text)
    {
        try
        {
            var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var rows = root as JsonArray ?? (root as JsonObject)?["data"] as JsonArray;
            return rows is not null && rows.OfType<JsonObject>().Any(r => r.ContainsKey("elo")) ? rows : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Artificial Analysis keeps one board per endpoint; the source (URL or a file saved from it) must name which.
    private static string ArtificialAnalysisTask(string origin) =>
        origin.Contains("image-to-video", StringComparison.OrdinalIgnoreCase) ? "i2v"
        : origin.Contains("text-to-video", StringComparison.OrdinalIgnoreCase) ? "t2v"
        : origin.Contains("text-to-image", StringComparison.OrdinalIgnoreCase) ? "t2i"
        : origin.Contains("image-editing", StringComparison.OrdinalIgnoreCase) ? "i2i"
        : throw Invalid(origin, "is an Artificial Analysis board, but its name does not say which (text-to-video, image-to-video, text-to-image or image-editing)");

    private static List<ArenaRow> ReadArtificialAnalysis(JsonArray data, string origin)
    {
        var rows = new List<ArenaRow>();
        for (var i = 0; i < data.Count; i++)
        {
            var row = data[i] as JsonObject;
            var names = new[] { Str(row?["id"]), Str(row?["slug"]), Str(row?["name"]) }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).ToList();
            var elo = row?["elo"] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : (double?)null;
            if (names.Count == 0 || elo is null)
            {
                throw Invalid(origin, $"row {i + 1} needs a name (id, slug or name) and a numeric elo");
            }

            rows.Add(new ArenaRow(names, elo.Value));
        }

        return rows.Count > 0 ? rows : throw Invalid(origin, "has no rows");
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateOnly? DateIn(string origin)
    {
        // The date nearest the end wins: GenAI-Arena's results/YYYYMMDD/ folder, or a date in a saved file's name.
        foreach (var match in DatePattern().Matches(origin).Reverse())
        {
            var digits = match.Value.Replace("-", "", StringComparison.Ordinal);
            if (DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        return null;
    }

    private static CuboidException Invalid(string origin, string problem) =>
        CuboidException.Input(CuboidErrorCodes.CatalogInvalid, CuboidParameters.UpdateSource, $"{origin} {problem}");

    [GeneratedRegex(@"(?<!\d)(20\d{2}-?[01]\d-?[0-3]\d)(?!\d)")]
    private static partial Regex DatePattern();
}
