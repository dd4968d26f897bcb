using Cuboid.Portfolio;

namespace Cuboid.Understanding;

/// <summary>
/// The environment as if every provider key were set, so <c>--dry-run</c> can show what the shipped defaults would
/// cost before the user has any key. The stand-in value is never sent anywhere: a plan calls no model.
/// </summary>
internal sealed class AssumedKeyEnvironment(IEnvironmentVariables inner) : IEnvironmentVariables
{
    public const string StandIn = "not-configured";

    public string? Get(string name) => inner.Get(name) is { Length: > 0 } value ? value
        : name.EndsWith("_API_KEY", StringComparison.Ordinal) ? StandIn : null;
}
