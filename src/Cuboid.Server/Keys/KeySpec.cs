namespace Cuboid.Server.Keys;

/// <summary>What a new virtual key may do: the body of <c>POST /admin/keys</c> and the options of <c>cuboid keys create</c>.</summary>
public sealed record KeySpec
{
    /// <summary>A label for people (a team, a service).</summary>
    public string? Name { get; init; }

    /// <summary>Dollars the key may spend per <see cref="Period"/>; null for no limit.</summary>
    public decimal? Budget { get; init; }

    /// <summary><c>day</c>, <c>week</c>, <c>month</c> (default) or <c>total</c>.</summary>
    public string? Period { get; init; }

    /// <summary>When set, only these catalog models (<c>provider:model</c>) may answer this key's calls.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>When set, only these tasks (<c>chat</c>, <c>caption</c>, <c>transcribe</c>, ...).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Requests per minute; null for no limit.</summary>
    public int? Rpm { get; init; }

    /// <summary>Checks the values; the one line names the field at fault.</summary>
    public void Validate()
    {
        if (Budget is < 0)
        {
            throw CuboidException.Usage("budget must be zero or more dollars");
        }

        if (Rpm is <= 0)
        {
            throw CuboidException.Usage("rpm must be a positive number of requests per minute");
        }

        KeyPeriods.Parse(Period);
        if (Models?.FirstOrDefault(m => !Cuboid.Portfolio.ModelId.TryParse(m, out _)) is { } bad)
        {
            throw CuboidException.Usage($"models: '{bad}' is not a provider:model id");
        }
    }
}
