using System.Diagnostics;

namespace Cuboid.Portfolio;

/// <summary>A call the router placed with one candidate for a run; <see cref="CallRouter.Complete"/> books it in that run when its usage is known.</summary>
internal sealed record RoutedCall<T>(T Value, RouteCandidate Candidate, int Attempts, BudgetReservation Reservation, long StartTimestamp, RunScope Run)
{
    /// <summary>The answering model's span (null when nobody listens), ended by <see cref="CallRouter.Complete"/> with the call's usage.</summary>
    public Activity? Span { get; init; }
}
