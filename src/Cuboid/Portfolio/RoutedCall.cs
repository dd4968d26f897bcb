namespace Cuboid.Portfolio;

/// <summary>A call the router placed with one candidate for a run; <see cref="CallRouter.Complete"/> books it in that run when its usage is known.</summary>
internal sealed record RoutedCall<T>(T Value, RouteCandidate Candidate, int Attempts, BudgetReservation Reservation, long StartTimestamp, RunScope Run);
