using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;

namespace Cuboid.Server.Usage;

/// <summary>
/// <c>GET /v1/usage?group=day|model|key&amp;days=30</c>: the spend of the last <c>days</c> UTC days (today included)
/// added up per day (every day present, zero or not, oldest first), per model or per key (dearest first). The admin
/// sees every key's spend; a virtual key only its own. The answer also says who is calling (what the web UI shows).
/// Dollars are summed as decimals here, not as floats in the store.
/// </summary>
public static class UsageEndpoint
{
    public const int MaxDays = 366;

    private static readonly string[] Groups = ["day", "model", "key"];

    public static JsonObject Handle(HttpContext context, GatewayStore store, GatewayModels models, string? group, int? days)
    {
        group ??= "day";
        if (!Groups.Contains(group, StringComparer.Ordinal))
        {
            throw GatewayException.BadRequest($"group '{group}' is not a grouping; use day, model or key", "group");
        }

        var span = days ?? 30;
        if (span is < 1 or > MaxDays)
        {
            throw GatewayException.BadRequest($"days must be between 1 and {MaxDays}, not {span}", "days");
        }

        var caller = CallerAuthentication.CallerOf(context);
        var now = models.Time.GetUtcNow();
        var first = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - span);
        var rows = store.SpendSince(caller.Key?.Id, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var buckets = group switch
        {
            "day" => ByDay(rows, first, span),
            "model" => Dearest(rows.GroupBy(r => r.Model, StringComparer.Ordinal).Select(g => Bucket(g.Key, g.Key, g))),
            _ => Dearest(rows.GroupBy(r => r.KeyId, StringComparer.Ordinal).Select(g => Bucket(g.Key, KeyLabel(store.Find(g.Key), g.Key), g))),
        };

        return new JsonObject
        {
            ["object"] = "usage",
            ["group"] = group,
            ["days"] = span,
            ["from"] = first.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = DateOnly.FromDateTime(now.UtcDateTime).ToString("O", CultureInfo.InvariantCulture),
            ["total"] = rows.Sum(r => r.Dollars),
            ["calls"] = rows.Count,
            ["data"] = new JsonArray([.. buckets]),
            ["caller"] = Describe(caller, store, now),
        };
    }

    private static IEnumerable<JsonNode> ByDay(IReadOnlyList<SpendRow> rows, DateOnly first, int span)
    {
        var byDay = rows.ToLookup(r => DateOnly.FromDateTime(r.At.UtcDateTime));
        return Enumerable.Range(0, span).Select(i => first.AddDays(i)).Select(day =>
            Bucket(day.ToString("O", CultureInfo.InvariantCulture), day.ToString("d MMM", CultureInfo.InvariantCulture), byDay[day]));
    }

    private static IEnumerable<JsonNode> Dearest(IEnumerable<JsonObject> buckets) =>
        buckets.OrderByDescending(b => (decimal)b["dollars"]!).ThenBy(b => (string)b["key"]!, StringComparer.Ordinal);

    private static JsonObject Bucket(string key, string label, IEnumerable<SpendRow> rows)
    {
        var list = rows.ToList();
        return new JsonObject
        {
            ["key"] = key,
            ["label"] = label,
            ["dollars"] = list.Sum(r => r.Dollars),
            ["calls"] = list.Count,
            ["input_tokens"] = list.Sum(r => r.InputTokens),
            ["output_tokens"] = list.Sum(r => r.OutputTokens),
        };
    }

    private static string KeyLabel(VirtualKey? key, string id) => key is null ? id : key.Name ?? key.Prefix + "…";

    private static JsonObject Describe(Caller caller, GatewayStore store, DateTimeOffset now)
    {
        if (caller.Key is not { } key)
        {
            return new JsonObject { ["admin"] = true, ["name"] = "admin" };
        }

        return new JsonObject
        {
            ["admin"] = false,
            ["id"] = key.Id,
            ["name"] = KeyLabel(key, key.Id),
            ["prefix"] = key.Prefix,
            ["budget"] = key.Budget,
            ["period"] = key.Period.ToString().ToLowerInvariant(),
            ["spent_this_period"] = store.SpentIn(key.Id, KeyPeriods.Start(key.Period, now)),
            ["tasks"] = key.Tasks is null ? null : new JsonArray([.. key.Tasks.Select(t => (JsonNode)t)]),
            ["models"] = key.Models is null ? null : new JsonArray([.. key.Models.Select(m => (JsonNode)m)]),
        };
    }
}
