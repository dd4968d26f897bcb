using Cuboid.Portfolio;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// A canonical video model (<c>google:veo-3.1-fast</c>, <c>kuaishou:kling-3-pro</c>): what it does, its dated arena
/// ratings (decayed like every other task's), when it retires, the open-weights compute family that approximates it (for
/// the dry run's FLOPs), and the host routes that serve it.
/// </summary>
public sealed record VideoModel
{
    /// <summary><c>maker:model</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A display name (<c>Veo 3.1 Fast</c>); null to show the id.</summary>
    public string? Name { get; init; }

    /// <summary><c>t2v</c>, <c>i2v</c>, <c>extend</c>.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>Dated arena ratings by task, decayed with the portfolio's half-life when routing by quality.</summary>
    public IReadOnlyList<ModelRating> Ratings { get; init; } = [];

    /// <summary>Other names the model has on public arena boards (an Artificial Analysis id or slug, a GenAI-Arena key), beside its
    /// <see cref="Name"/> and the part of <see cref="Id"/> after the colon, which an arena snapshot is matched against already.</summary>
    public IReadOnlyList<string> ArenaNames { get; init; } = [];

    /// <summary>The day the model is deprecated; routing skips it from that day. Null when not announced.</summary>
    public DateOnly? Deprecated { get; init; }

    /// <summary>The day it stops answering; routing skips it from that day. Null when not announced.</summary>
    public DateOnly? ShutDown { get; init; }

    /// <summary>A family id of the compute planner (<c>wan2.2-t2v-a14b</c>) whose architecture approximates this model, when open weights make that known.</summary>
    public string? ComputeFamily { get; init; }

    /// <summary>The hosts that serve this model, each with its price and what it can make.</summary>
    public IReadOnlyList<VideoRoute> Routes { get; init; } = [];

    /// <summary>The model as the Portfolio's rating decay sees it, so video ratings decay exactly as the other tasks' do.</summary>
    public CatalogModel AsRated() => new() { Id = Id, Name = Name, Tasks = Tasks, Ratings = Ratings, Deprecated = Deprecated, ShutDown = ShutDown };
}
