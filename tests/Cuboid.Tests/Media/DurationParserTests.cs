using Cuboid.Media;

namespace Cuboid.Tests.Media;

public class DurationParserTests
{
    [Theory]
    [InlineData("5s", 5.0)]
    [InlineData("500ms", 0.5)]
    [InlineData("1m30s", 90.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("0.6s", 0.6)]
    [InlineData("1h2m3s", 3723.0)]
    [InlineData("2min", 120.0)]
    [InlineData("00:01:30.5", 90.5)]
    [InlineData(" 40 ", 40.0)]
    public void Parses_the_forms_people_type(string text, double seconds)
    {
        Assert.Equal(seconds, DurationParser.Parse(text).TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("1:2:3:4")]
    public void Rejects_nonsense_with_a_usage_error_naming_the_value(string text)
    {
        var ex = Assert.Throws<CuboidException>(() => DurationParser.Parse(text));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parses_a_comma_separated_list()
    {
        var values = DurationParser.ParseList("12.5, 40,1m");

        Assert.Equal([12.5, 40, 60], values.Select(v => v.TotalSeconds));
    }
}
