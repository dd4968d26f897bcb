using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// <c>cuboid models update</c> for the generation catalog: OpenRouter's video model list (<c>GET /api/v1/videos/models</c>:
/// <c>supported_durations</c>, <c>supported_resolutions</c>, <c>supported_aspect_ratios</c>, <c>supported_frame_images</c>,
/// <c>generate_audio</c>, <c>seed</c>, <c>pricing_skus</c>) becomes each model's <c>openrouter</c> route; a public arena's board
/// (<see cref="ArenaSnapshot"/>: GenAI-Arena's dated CSV, the Artificial Analysis API's JSON) or rating rows (as for the chat
/// catalog, whose tasks are t2v, i2v, extend, t2i or i2i) add dated ratings. A model
/// already known (shipped or in the overlay) keeps its other routes and ratings, because an overlay replaces a model
/// whole. OpenRouter's <c>google/veo-3.1</c> is the canonical <c>google:veo-3.1</c>. The overlay is written atomically.
/// </summary>
internal sealed partial class VideoCatalogUpdater(TimeProvider? timeProvider = null)
{
    private static readonly string[] GenerationTasks = ["t2v", "i2v", "extend", .. ImageTasks.All];

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The default video overlay: <c>video.json</c> beside the chat catalog overlay (<c>~/.config/cuboid/</c>).</summary>
    public static string DefaultOverlayPath(IEnvironmentVariables environment) =>
        Path.Combine(PortfolioSettings.UserConfigDirectory(environment), "video.json");

    /// <summary>Whether a source is for this catalog: OpenRouter's video model list, or rating rows for generation tasks only.</summary>
    public static bool Recognises(string text, string origin)
    {
        if (VideoList(text) is not null || ArenaSnapshot.Recognises(text))
        {
            return true;
        }

        try
        {
            var (catalog, format, _, _) = CatalogUpdater.Parse(text, origin);
            return format == "ratings" && catalog.Models.SelectMany(m => m.Ratings ?? []).All(r => GenerationTasks.Contains(r.Task, StringComparer.Ordinal));
        }
        catch (CuboidException)
        {
            return false;
        }
    }

    public CatalogUpdateResult Update(string text, string origin, string overlayPath)
    {
        var overlay = File.Exists(overlayPath) ? ReadOverlay(overlayPath) : new VideoCatalog();
        var known = VideoCatalog.Shipped().MergedWith(overlay);
        var warnings = new List<string>();
        var (changed, format, ratings, skipped) = VideoList(text) is { } list ? FromOpenRouter(list, known, origin, warnings)
            : ArenaSnapshot.Recognises(text) ? FromArena(text, origin, known, warnings)
            : FromRatings(text, origin, known, warnings);
        var added = changed.Count(m => known.FindModel(m.Id) is null);
        var merged = overlay.MergedWith(new VideoCatalog { Models = changed }) with { Updated = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime) };
        PortfolioJson.WriteAtomically(overlayPath, merged);
        return new CatalogUpdateResult(overlayPath, format, added, changed.Count - added, ratings, skipped, warnings);
    }

    private static VideoCatalog ReadOverlay(string path)
    {
        using var stream = File.OpenRead(path);
        return VideoCatalog.Parse(stream, path);
    }

    private static JsonArray? VideoList(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject { } root && root["data"] is JsonArray data
                && data.OfType<JsonObject>().Any(m => m.ContainsKey("supported_durations") || m.ContainsKey("pricing_skus") || m.ContainsKey("supported_resolutions"))
                ? data
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (List<VideoModel>, string, int, int) FromOpenRouter(JsonArray data, VideoCatalog known, string origin, List<string> warnings)
    {
        var models = new List<VideoModel>();
        var skipped = 0;
        foreach (var node in data.OfType<JsonObject>())
        {
            var slug = Str(node["id"]);
            var prices = Prices(node["pricing_skus"] as JsonObject, slug, warnings);
            if (slug is null || !slug.Contains('/', StringComparison.Ordinal) || prices.Count == 0)
            {
                // Without prices a route cannot be budgeted, so it is not routed.
                skipped++;
                continue;
            }

            var frames = Strings(node["supported_frame_images"]);
            var route = new VideoRoute
            {
                Host = "openrouter",
                Model = slug,
                Prices = prices,
                Durations = Strings(node["supported_durations"]).Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0).Where(s => s > 0).ToList() is { Count: > 0 } durations ? durations : null,
                Resolutions = Strings(node["supported_resolutions"]) is { Count: > 0 } resolutions ? resolutions : null,
                AspectRatios = Strings(node["supported_aspect_ratios"]) is { Count: > 0 } aspects ? aspects : null,
                FirstFrame = frames.Contains("first_frame"),
                LastFrame = frames.Contains("last_frame"),
                Audio = node["generate_audio"] is JsonValue audio && audio.TryGetValue<bool>(out var hasAudio) && hasAudio,
                Seed = node["seed"] is JsonValue seed && seed.TryGetValue<bool>(out var hasSeed) && hasSeed,
            };
            var id = string.Concat(slug.AsSpan(0, slug.IndexOf('/', StringComparison.Ordinal)), ":", slug.AsSpan(slug.IndexOf('/', StringComparison.Ordinal) + 1));
            models.Add(known.FindModel(id) is { } model
                ? model with { Routes = [.. model.Routes.Where(r => !(r.Host == "openrouter" && r.Model == slug)), route] }
                : new VideoModel { Id = id, Name = Str(node["name"]), Tasks = route.FirstFrame ? ["t2v", "i2v"] : ["t2v"], Routes = [route] });
        }

        if (models.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, CuboidParameters.UpdateSource, $"{origin}: no video model in OpenRouter's list has prices Cuboid can read");
        }

        return (models, "openrouter-videos", 0, skipped);
    }

    private static (List<VideoModel>, string, int, int) FromRatings(string text, string origin, VideoCatalog known, List<string> warnings)
    {
        var (incoming, _, _, _) = CatalogUpdater.Parse(text, origin);
        var models = new List<VideoModel>();
        var count = 0;
        foreach (var rated in incoming.Models)
        {
            var fresh = rated.Ratings ?? [];
            count += fresh.Count;
            if (known.FindModel(rated.Id) is { } model)
            {
                models.Add(model with { Ratings = [.. model.Ratings.Where(r => !fresh.Any(f => f.Task == r.Task && f.Source == r.Source && f.Observed == r.Observed)), .. fresh] });
            }
            else
            {
                warnings.Add($"{rated.Id} is not in the video catalog: its ratings were kept, but it has no route until one is added");
                models.Add(new VideoModel { Id = rated.Id, Tasks = [.. fresh.Select(r => r.Task).Distinct(StringComparer.Ordinal)], Ratings = fresh });
            }
        }

        return (models, "video-ratings", count, 0);
    }

    // Arena rows name models as the board does; each is matched to the one catalog model with that name (ignoring case, spaces
    // and punctuation), its id after the colon, or one of its ArenaNames. A board lists a model once per pool, best first, so the
    // first row that matches a model is its rating. Rows that match nothing are counted and named, not guessed at.
    private (List<VideoModel>, string, int, int) FromArena(string text, string origin, VideoCatalog known, List<string> warnings)
    {
        var (source, task, observed, rows) = ArenaSnapshot.Read(text, origin, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        var url = Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? origin : null;
        var rated = new Dictionary<string, (VideoModel Model, ModelRating Rating)>(StringComparer.Ordinal);
        var unmatched = new List<string>();
        foreach (var row in rows)
        {
            var keys = row.Names.Select(ArenaKey).ToHashSet(StringComparer.Ordinal);
            var matches = known.Models.Where(m => NamesOf(m).Any(keys.Contains)).ToList();
            if (matches.Count != 1)
            {
                unmatched.Add(matches.Count == 0 ? row.Label : $"{row.Label} (ambiguous: {string.Join(", ", matches.Select(m => m.Id))})");
                continue;
            }

            rated.TryAdd(matches[0].Id, (matches[0], new ModelRating(task, row.Elo, source, observed) { Url = url }));
        }

        if (unmatched.Count > 0)
        {
            warnings.Add($"{unmatched.Count} row(s) of {origin} match no video model, so they were left out: {string.Join(", ", unmatched.Take(12))}{(unmatched.Count > 12 ? ", …" : "")} (a model's arenaNames maps a board's name to it)");
        }

        var models = rated.Values.Select(r => r.Model with
        {
            Ratings = [.. r.Model.Ratings.Where(o => !(o.Task == task && o.Source == source && o.Observed == observed)), r.Rating],
        }).ToList();
        return (models, source, models.Count, unmatched.Count);
    }

    private static IEnumerable<string> NamesOf(VideoModel model) =>
        new[] { model.Id[(model.Id.IndexOf(':', StringComparison.Ordinal) + 1)..], model.Name ?? "" }.Concat(model.ArenaNames).Select(ArenaKey).Where(k => k.Length > 0);

    private static string ArenaKey(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    // SKU names are OpenRouter's (provider prefix stripped), e.g. "720p", "1080p_audio", "4k_no_audio"; values are USD per
    // second as strings. A SKU without a readable resolution applies to any; one that names neither is skipped with a warning.
    private static List<VideoPrice> Prices(JsonObject? skus, string? slug, List<string> warnings)
    {
        var prices = new List<VideoPrice>();
        foreach (var (name, value) in skus ?? [])
        {
            if (Str(value) is not { } text || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var perSecond) || perSecond < 0)
            {
                warnings.Add($"{slug}: SKU '{name}' has no price Cuboid can read");
                continue;
            }

            var lower = name.ToLowerInvariant();
            var resolution = ResolutionPattern().Match(lower) is { Success: true } m ? m.Value : null;
            bool? audio = lower.Contains("no_audio", StringComparison.Ordinal) || lower.Contains("without_audio", StringComparison.Ordinal) || lower.Contains("silent", StringComparison.Ordinal) ? false
                : lower.Contains("audio", StringComparison.Ordinal) ? true
                : null;
            prices.Add(new VideoPrice(resolution, audio, perSecond));
        }

        return prices;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString() : null;

    private static List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(Str).OfType<string>()] : [];

    [GeneratedRegex(@"\d{3,4}p|[124]k")]
    private static partial Regex ResolutionPattern();
}
