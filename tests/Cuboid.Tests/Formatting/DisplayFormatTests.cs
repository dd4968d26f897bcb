using Cuboid.Formatting;

namespace Cuboid.Tests.Formatting;

public class DisplayFormatTests
{
    [Theory]
    [InlineData("0", "$0")]
    [InlineData("0.0135", "$0.0135")]
    [InlineData("0.01349999", "$0.0135")]
    [InlineData("0.001234", "$0.00123")]
    [InlineData("0.4", "$0.40")]
    [InlineData("0.013", "$0.013")]
    [InlineData("0.99951", "$1.00")]
    [InlineData("1.2449", "$1.24")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("-0.25", "-$0.25")]
    public void Dollars_keep_three_significant_digits_below_a_dollar_and_cents_above(string amount, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Dollars(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Dollars_from_doubles_carry_no_floating_point_noise()
    {
        Assert.Equal("$0.30", DisplayFormat.Dollars(0.1 + 0.2));
        Assert.Equal("$0.00000499", DisplayFormat.Dollars(4.99e-6));
        Assert.Equal("—", DisplayFormat.Dollars(double.NaN));
    }

    [Theory]
    [InlineData(0.4, "0.4 s")]
    [InlineData(6.2, "6.2 s")]
    [InlineData(6.0, "6 s")]
    [InlineData(9.96, "10 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(60, "1 min")]
    [InlineData(83.2, "1 min 23 s")]
    [InlineData(3725.5, "1 h 2 min")]
    [InlineData(10800, "3 h")]
    public void Durations_read_as_lengths(double seconds, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Duration(seconds));
    }

    [Fact]
    public void Counts_have_thousands_separators_and_agreeing_plurals()
    {
        Assert.Equal("1 frame", DisplayFormat.Count(1, "frame"));
        Assert.Equal("0 frames", DisplayFormat.Count(0, "frame"));
        Assert.Equal("2,000 samples", DisplayFormat.Count(2000, "sample"));
        Assert.Equal("3 key moments", DisplayFormat.Count(3, "key moment"));
        Assert.Equal("2 categories", DisplayFormat.Count(2, "category", "categories"));
        Assert.Equal("128,000", DisplayFormat.Count(128_000));
    }

    [Fact]
    public void Numbers_and_ratios_drop_float_noise()
    {
        Assert.Equal("82.96", DisplayFormat.Number(82.9599999));
        Assert.Equal("1,234.5", DisplayFormat.Number(1234.5));
        Assert.Equal("0", DisplayFormat.Number(-0.0001));
        Assert.Equal("8.4×", DisplayFormat.Ratio(8.4000001));
        Assert.Equal("0.42×", DisplayFormat.Ratio(0.4249));
        Assert.Equal("1,234×", DisplayFormat.Ratio(1234.4));
        Assert.Equal("72%", DisplayFormat.Percent(0.7200001));
        Assert.Equal("4.5%", DisplayFormat.Percent(0.045));
    }
}
