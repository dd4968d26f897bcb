namespace Cuboid.Portfolio;

/// <summary>What a caller requires of the models the router may use for one client or one plan.</summary>
public sealed record RouteConstraints
{
    /// <summary>Use only this model (<c>provider:model</c>); no fallback to others.</summary>
    public string? PinnedModel { get; init; }

    /// <summary>When set, only these providers.</summary>
    public IReadOnlyList<string>? AllowedProviders { get; init; }

    /// <summary>Providers never to use (a gateway key's deny list); null allows all.</summary>
    public IReadOnlyList<string>? DeniedProviders { get; init; }

    /// <summary>Skip models whose estimated cost for the call is above this many dollars.</summary>
    public decimal? MaxCostPerCall { get; init; }

    /// <summary>Skip models whose input price is above this many dollars per 1M tokens.</summary>
    public decimal? MaxInputPricePerMTok { get; init; }

    /// <summary>Skip models with a smaller context window (tokens), on top of what the request itself needs.</summary>
    public int? MinContextWindow { get; init; }

    /// <summary>Require image input even when the planned request has no image yet.</summary>
    public bool NeedsImages { get; init; }

    /// <summary>Overrides the config's policy for the task.</summary>
    public RoutingPolicy? Policy { get; init; }

    /// <summary>Balanced policy: the minimum effective rating that counts; default the median of the field's effective ratings.</summary>
    public double? QualityFloor { get; init; }

    /// <summary>No constraints: the task's configured policy over every usable model.</summary>
    public static RouteConstraints None { get; } = new();

    /// <summary>
    /// These constraints pinned to a call's <c>ModelId</c> when it is a <c>provider:model</c>: the adapter already
    /// knows its own model, so a catalog id in the options means "this call, this model".
    /// </summary>
    public RouteConstraints PinnedBy(string? callModelId) =>
        ModelId.TryParse(callModelId, out var pinned) ? this with { PinnedModel = pinned.ToString() } : this;
}
