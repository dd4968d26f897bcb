using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cuboid.Portfolio;

/// <summary>
/// Ingests outside data into the user's catalog overlay: OpenRouter's public model list
/// (<c>GET /api/v1/models</c>: ids, context lengths, modalities, per-token USD prices as strings, expiration
/// dates) and rating snapshots (CSV or JSON rows of model, task, rating, date, optional source).
/// The overlay is rewritten atomically; the shipped catalog is never touched.
/// </summary>
public sealed class CatalogUpdater(TimeProvider? timeProvider = null, HttpClient? httpClient = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Fetches ratings from <paramref name="from"/> (a URL or a CSV/TSV file), merges them into the overlay at <paramref name="overlayPath"/> and says what changed.</summary>
    public async Task<CatalogUpdateResult> UpdateAsync(string from, string overlayPath, CancellationToken cancellationToken = default)
    {
        var (text, origin) = await ReadAsync(from, cancellationToken).ConfigureAwait(false);
        return Update(text, origin, overlayPath);
    }

    /// <summary>Merges source text already read (by <see cref="ReadAsync"/>) into the overlay.</summary>
    public CatalogUpdateResult Update(string text, string origin, string overlayPath)
    {
        var (incoming, format, skipped, warnings) = Parse(text, origin);
        var existing = File.Exists(overlayPath) ? ModelCatalog.Load(overlayPath) : new ModelCatalog();
        var known = ModelCatalog.Shipped().MergedWith(existing);
        // Existing models keep their tasks: only new ones get tasks guessed from their modalities.
        incoming = incoming with { Models = [.. incoming.Models.Select(m => known.FindModel(m.Id) is null ? m : m with { Tasks = null })] };
        var added = incoming.Models.Count(m => known.FindModel(m.Id) is null);
        var updated = incoming.Models.Count - added;
        var ratings = incoming.Models.Sum(m => m.Ratings?.Count ?? 0);
        if (format == "ratings")
        {
            var unknown = incoming.Models.Where(m => known.FindModel(m.Id) is null).Select(m => m.Id).ToList();
            if (unknown.Count > 0)
            {
                warnings.Add($"ratings for {unknown.Count} model(s) not in the catalog were kept but cannot be routed until they have tasks and prices: {string.Join(", ", unknown.Take(5))}");
            }
        }

        var merged = existing.MergedWith(incoming) with { Updated = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime) };
        merged.Save(overlayPath);
        return new CatalogUpdateResult(overlayPath, format, added, updated, ratings, skipped, warnings);
    }

    /// <summary>The text of a source: an http(s) URL (downloaded) or a file; an Input error when neither can be read.</summary>
    public async Task<(string Text, string Origin)> ReadAsync(string from, CancellationToken cancellationToken = default)
    {
        if (Uri.TryCreate(from, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var http = httpClient ?? SharedHttp.Value;
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw CuboidException.Input(CuboidErrorCodes.InputUnreadable, CuboidParameters.UpdateSource, $"could not download {uri.GetLeftPart(UriPartial.Path)}: HTTP {(int)response.StatusCode}");
                }

                return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), uri.GetLeftPart(UriPartial.Path));
            }
            catch (HttpRequestException ex)
            {
                throw CuboidException.Input(CuboidErrorCodes.InputUnreadable, CuboidParameters.UpdateSource, $"could not download {uri.GetLeftPart(UriPartial.Path)}: {ex.Message}", ex);
            }
        }

        if (!File.Exists(from))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotFound, CuboidParameters.UpdateSource, $"update source not found: {from} (give a file or an http(s) URL)");
        }

        return (await File.ReadAllTextAsync(from, cancellationToken).ConfigureAwait(false), from);
    }

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(60) });

    internal static (ModelCatalog Catalog, string Format, int Skipped, List<string> Warnings) Parse(string text, string origin)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is not valid JSON: {ex.Message}", ex);
            }

            if (root is JsonObject obj && obj["data"] is JsonArray data)
            {
                return OpenRouter(data, origin);
            }

            var rows = root as JsonArray ?? (root as JsonObject)?["rows"] as JsonArray ?? (root as JsonObject)?["ratings"] as JsonArray;
            if (rows is not null)
            {
                return Ratings(rows.Select(r => Row(r, origin)), origin);
            }

            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: expected OpenRouter's model list ({{\"data\": [...]}}) or rating rows ([{{\"model\", \"task\", \"rating\", \"date\"}}])");
        }

        return Ratings(RatingsCsv.Read(text, origin), origin);
    }

    private static (ModelCatalog, string, int, List<string>) OpenRouter(JsonArray data, string origin)
    {
        var models = new List<CatalogModel>();
        var warnings = new List<string>();
        var skipped = 0;
        foreach (var node in data.OfType<JsonObject>())
        {
            var id = node["id"]?.GetValue<string>();
            var pricing = node["pricing"] as JsonObject;
            var input = PerMillion(pricing?["prompt"]);
            var output = PerMillion(pricing?["completion"]);
            if (string.IsNullOrWhiteSpace(id) || input is null || output is null || input < 0 || output < 0)
            {
                // Routers such as openrouter/auto price at -1 (variable): nothing we can budget.
                skipped++;
                continue;
            }

            var modalities = (node["architecture"]?["input_modalities"] as JsonArray)?.Select(m => m?.GetValue<string>()).OfType<string>().ToList() ?? ["text"];
            var perImage = PerUnit(pricing?["image"]);
            var created = node["created"]?.GetValue<long>() is { } unix && unix > 0
                ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime)
                : (DateOnly?)null;
            DateOnly? expires = node["expiration_date"] is JsonValue exp && exp.TryGetValue<string>(out var e) && DateOnly.TryParse(e[..Math.Min(10, e.Length)], CultureInfo.InvariantCulture, out var d) ? d : null;
            models.Add(new CatalogModel
            {
                Id = "openrouter:" + id,
                Name = node["name"]?.GetValue<string>(),
                Tasks = modalities.Contains("image") ? [ModelTasks.Caption, ModelTasks.Chat] : [ModelTasks.Chat, ModelTasks.Reason],
                Input = modalities,
                ContextWindow = node["context_length"]?.GetValue<long>() is { } ctx and > 0 ? (int)Math.Min(ctx, int.MaxValue) : null,
                Prices = new ModelPrices { InputPerMTok = input, OutputPerMTok = output, PerImage = perImage is > 0 ? perImage : null },
                Released = created,
                ShutDown = expires,
            });
        }

        if (models.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: no usable model in OpenRouter's list");
        }

        return (new ModelCatalog { Models = models }, "openrouter", skipped, warnings);
    }

    private static decimal? PerMillion(JsonNode? price) => PerUnit(price) is { } perToken ? perToken * 1_000_000m : null;

    private static decimal? PerUnit(JsonNode? price) => price switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        _ => null,
    };

    private static (string? Model, string? Task, string? Rating, string? Date, string? Source) Row(JsonNode? node, string origin) =>
        node is JsonObject o
            ? (Str(o["model"]), Str(o["task"]), Str(o["rating"]), Str(o["date"] ?? o["observed"]), Str(o["source"]))
            : throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: every rating row must be an object with model, task, rating, date");

    private static string? Str(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
        : null;

    private static (ModelCatalog, string, int, List<string>) Ratings(IEnumerable<(string? Model, string? Task, string? Rating, string? Date, string? Source)> rows, string origin)
    {
        var byModel = new Dictionary<string, List<ModelRating>>(StringComparer.Ordinal);
        var line = 1;
        foreach (var row in rows)
        {
            line++;
            if (!ModelId.TryParse(row.Model, out var id) || string.IsNullOrWhiteSpace(row.Task)
                || !double.TryParse(row.Rating, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !double.IsFinite(rating)
                || !DateOnly.TryParse(row.Date, CultureInfo.InvariantCulture, out var date))
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: rating row {line - 1} needs model (provider:model), task, a numeric rating and a date (yyyy-MM-dd)");
            }

            var source = string.IsNullOrWhiteSpace(row.Source) ? Path.GetFileNameWithoutExtension(origin) : row.Source;
            if (!byModel.TryGetValue(id.ToString(), out var list))
            {
                byModel[id.ToString()] = list = [];
            }

            list.Add(new ModelRating(row.Task, rating, source, date));
        }

        if (byModel.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} has no rating rows");
        }

        return (new ModelCatalog { Models = [.. byModel.Select(kv => new CatalogModel { Id = kv.Key, Ratings = kv.Value })] }, "ratings", 0, []);
    }
}
