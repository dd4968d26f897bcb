using Cuboid.Compute;

namespace Cuboid.Tests.Compute;

public class ParameterCountTests
{
    [Theory]
    [InlineData("8B", 8e9)]
    [InlineData("70.6B", 70.6e9)]
    [InlineData("1.3e9", 1.3e9)]
    [InlineData("500M", 500e6)]
    [InlineData("1.2T", 1.2e12)]
    [InlineData(" 405000000 ", 405e6)]
    public void Reads_sizes_as_people_write_them(string text, double expected)
    {
        Assert.Equal(expected, ParameterCount.Parse(text), expected * 1e-12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("eight")]
    [InlineData("-8B")]
    [InlineData("0")]
    [InlineData("1e300")]
    [InlineData("NaN")]
    public void Bad_sizes_are_usage_errors(string text)
    {
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => ParameterCount.Parse(text)).Kind);
    }

    [Theory]
    [InlineData(652.114e15, "652.114 PFLOP")]
    [InlineData(3.212e12, "3.212 TFLOP")]
    [InlineData(39.5796e18, "39.58 EFLOP")]
    public void Formats_flops_with_si_prefixes(double flops, string text)
    {
        Assert.Equal(text, QuantityText.Flops(flops));
    }

    [Theory]
    [InlineData(2.0e-6, "0.000002")]
    [InlineData(0.40694, "0.407")]
    [InlineData(24.74, "24.7")]
    [InlineData(1234.6, "1,235")]
    public void Small_quantities_keep_three_significant_digits(double value, string text)
    {
        Assert.Equal(text, QuantityText.Significant(value));
    }

    [Fact]
    public void Percentages_and_dollars_are_written_as_the_docs_write_them()
    {
        Assert.Equal("72%", QuantityText.Percent(0.7228));
        Assert.Equal("$1.02", QuantityText.Dollars(1.0171));
        Assert.Equal("$2.50", QuantityText.Dollars(2.5));
        Assert.Equal("$0.00499", QuantityText.Dollars(0.004993));
    }
}
