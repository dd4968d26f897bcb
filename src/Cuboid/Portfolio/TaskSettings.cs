namespace Cuboid.Portfolio;

/// <summary>Per-task defaults from the config file.</summary>
public sealed record TaskSettings
{
    /// <summary>A model tried first for this task (<c>provider:model</c>); the others stay as fallbacks.</summary>
    public string? Model { get; init; }

    /// <summary>How the router orders models for the task; null takes the task's default.</summary>
    public RoutingPolicy? Policy { get; init; }

    /// <summary>Minimum effective rating for the balanced policy; default: the median of the field's effective ratings.</summary>
    public double? QualityFloor { get; init; }
}
