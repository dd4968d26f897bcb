using Cuboid.Portfolio;

namespace Cuboid.Understanding;

/// <summary>The user's model choices for an analysis: a pinned model per task (<c>provider:model</c>) and a routing policy.</summary>
public sealed record AnalysisModelChoices(string? Captioner = null, string? Transcriber = null, string? Reasoner = null, RoutingPolicy? Policy = null);
