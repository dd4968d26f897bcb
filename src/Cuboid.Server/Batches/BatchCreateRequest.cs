using System.Text.Json.Serialization;

namespace Cuboid.Server.Batches;

/// <summary>The JSON body of <c>POST /v1/batches</c>: options every video shares, as in <c>cuboid analyze</c>, and the batch's budget.</summary>
public sealed record BatchCreateRequest
{
    public string? Name { get; init; }

    /// <summary>Dollars the whole batch may spend.</summary>
    public decimal? Budget { get; init; }

    public double? Every { get; init; }

    public string? Focus { get; init; }

    public string? Language { get; init; }

    public bool Offline { get; init; }

    /// <summary>Caption calls in flight at once per caption step (1-32, default 4), as <c>cuboid analyze --concurrency</c>.</summary>
    public int? Concurrency { get; init; }

    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; init; }
}
