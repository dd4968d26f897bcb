namespace Cuboid.Testing.Simulators;

/// <summary>One logged call: the parsed request, the fault applied, and the usage reported (null when none was).</summary>
public sealed record SimulatedCall(SimulatedRequest Request, Fault Fault, SimulatedUsage? Usage, DateTimeOffset ReceivedAt);
