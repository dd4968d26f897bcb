using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>The reasoning model that writes storyboards (a routed portfolio client for task <c>reason</c>) and how to
/// price a request on it before calling (the model the router would pick and its estimated dollars; null when none can).</summary>
public sealed record StoryboardModel(IChatClient Client, Func<RequestEstimate, ModelCost?> Quote);
