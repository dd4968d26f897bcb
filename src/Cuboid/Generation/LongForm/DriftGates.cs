using System.Globalization;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Thresholds a delivered segment is held to: <see cref="AnchorDeltaE"/>, the ΔE between its last frame's mean Lab colour
/// and the anchor's (the drift it would hand on), and <see cref="JoinDeltaE"/>, the ΔE across its join (the previous
/// segment's last frame against its first). Null turns a gate off. A segment over a gate is re-rendered (best-of-N) and,
/// in chain and extend, the next start frame is re-anchored.
/// </summary>
public sealed record DriftGates(double? AnchorDeltaE, double? JoinDeltaE)
{
    /// <summary>ΔE 8 to the anchor: past about three just-noticeable differences of cumulative colour drift. ΔE 10 at a join: a visible jump.</summary>
    public static DriftGates Default { get; } = new(8, 10);

    /// <summary>Both gates off: every delivered segment is kept.</summary>
    public static DriftGates Off { get; } = new(null, null);

    /// <summary>Parses <c>--gate</c>: <c>off</c>, or <c>deltaE=6,join=10</c> (either part; <c>deltaE=off</c> turns one off).</summary>
    public static DriftGates Parse(string text)
    {
        if (text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return Off;
        }

        var gates = Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            double? value = pieces.Length == 2 && pieces[1].Equals("off", StringComparison.OrdinalIgnoreCase) ? null
                : pieces.Length == 2 && double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                : throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Gate, $"{CuboidParameters.Gate} '{part}' is not a gate; use deltaE=N, join=N (N > 0, or off), or off");
            gates = pieces[0].ToLowerInvariant() switch
            {
                "deltae" => gates with { AnchorDeltaE = value },
                "join" => gates with { JoinDeltaE = value },
                _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Gate, $"{CuboidParameters.Gate} '{pieces[0]}' is not a gate; the gates are deltaE and join"),
            };
        }

        return gates;
    }

    /// <summary>The gates a segment trips, as (gate, value, threshold).</summary>
    public IReadOnlyList<(string Gate, double Value, double Threshold)> Tripped(double anchorDeltaE, double? joinDeltaE)
    {
        var tripped = new List<(string, double, double)>();
        if (AnchorDeltaE is { } anchor && anchorDeltaE > anchor)
        {
            tripped.Add(("deltaE", anchorDeltaE, anchor));
        }

        if (JoinDeltaE is { } join && joinDeltaE is { } j && j > join)
        {
            tripped.Add(("join", j, join));
        }

        return tripped;
    }
}
