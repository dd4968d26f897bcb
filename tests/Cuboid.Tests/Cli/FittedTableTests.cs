using Cuboid.Cli.Rendering;

namespace Cuboid.Tests.Cli;

public class FittedTableTests
{
    private static FittedTable Models() => new FittedTable(
            FittedColumn.Id("Model"), FittedColumn.Number("Rating", 5), FittedColumn.Number("Context", 1), FittedColumn.Reason("Usable here", 9))
        .AddRow("openrouter:meta-llama/llama-3.2-11b-vision-instruct", "71.0", "131,072", "no: OPENROUTER_API_KEY is not set")
        .AddRow("openai:gpt-5-mini", "73.8", "400,000", "yes");

    [Fact]
    public void Without_a_width_every_column_is_on_its_row_and_lines_carry_no_padding()
    {
        var lines = Models().Lines(width: null);

        Assert.Equal(4, lines.Count);
        Assert.Contains("no: OPENROUTER_API_KEY is not set", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("yes", lines[3], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void A_long_reason_goes_on_its_own_line_before_any_column_is_left_out()
    {
        var lines = Models().Lines(width: 80);

        Assert.Contains("131,072", lines[2], StringComparison.Ordinal);
        Assert.Equal("    Usable here: no: OPENROUTER_API_KEY is not set", lines[3]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public void The_least_useful_column_is_left_out_whole_and_named_rather_than_split()
    {
        var lines = Models().Lines(width: 62);

        Assert.DoesNotContain(lines, l => l.Contains("131", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("71.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("(not shown at 62 columns: Context", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= 62, l));
    }

    [Fact]
    public void Prose_wraps_at_spaces_and_numbers_stay_right_aligned()
    {
        var lines = new FittedTable(FittedColumn.Id("Phase"), FittedColumn.Number("Tokens", 5), FittedColumn.Prose("Bound", 3))
            .AddRow("prefill", "200", "compute (memory at peak rates) because the prompt is long enough")
            .AddRow("decode", "1,200", "memory")
            .Lines(width: 40);

        Assert.Equal("prefill     200  compute (memory at peak", lines[2]);
        Assert.StartsWith("decode    1,200  memory", lines.Single(l => l.StartsWith("decode", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
    }
}
