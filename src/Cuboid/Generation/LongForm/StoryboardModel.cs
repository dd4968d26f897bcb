using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>The reasoning model that writes storyboards (a routed portfolio client for task <c>reason</c>) and how to
/// price a request on it before calling (the model the router would pick and its estimated dollars; null when none can).
/// A client bound to no run (<see cref="ModelRouter.GetChatClient"/>) spends from the long-form run's budget and books into
/// its ledger, since <see cref="LongFormSession"/> makes the generation's run current while the storyboard is written.</summary>
public sealed record StoryboardModel(IChatClient Client, Func<RequestEstimate, ModelCost?> Quote);
