namespace Cuboid.Server.Keys;

/// <summary>Parsing <see cref="KeyPeriod"/>s and finding the start of the period a moment falls in.</summary>
public static class KeyPeriods
{
    public static KeyPeriod Parse(string? value) =>
        value is null ? KeyPeriod.Month
        : Enum.TryParse<KeyPeriod>(value, ignoreCase: true, out var period) && !int.TryParse(value, out _) ? period
        : throw CuboidException.Usage($"period '{value}' is not a period; use day, week, month or total");

    /// <summary>The first day (UTC) of the period holding <paramref name="now"/>; weeks start on Monday.</summary>
    public static DateOnly Start(KeyPeriod period, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return period switch
        {
            KeyPeriod.Day => today,
            KeyPeriod.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            KeyPeriod.Month => new DateOnly(today.Year, today.Month, 1),
            _ => DateOnly.MinValue,
        };
    }
}
