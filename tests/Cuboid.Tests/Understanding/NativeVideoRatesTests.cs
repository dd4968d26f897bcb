using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

public class NativeVideoRatesTests
{
    [Theory]
    [InlineData("gemini:gemini-2.5-flash", "default", 1_044_000, 1, 0.3938)]
    [InlineData("gemini:gemini-2.5-flash", "low", 352_800, 1, 0.1865)]
    [InlineData("gemini:gemini-3-flash", "default", 367_200, 1, 0.2412)]
    [InlineData("gemini:gemini-2.5-pro", "low", 352_800, 1, 0.882)]
    [InlineData("gemini:gemini-2.5-pro", "default", 1_044_000, 1, 2.61)]
    public void One_hour_with_audio_costs_what_the_published_rates_say(string model, string resolution, long tokens, int calls, double dollars)
    {
        var rate = NativeVideoRates.Default.Single(r => r.Model == model && r.Resolution == resolution);

        var quote = NativeVideoRates.Quote(rate, 3600, hasAudio: true);

        Assert.Equal(tokens, quote.Tokens);
        Assert.Equal(calls, quote.Calls);
        Assert.Equal((decimal)dollars, quote.Dollars);
    }

    [Fact]
    public void Two_hours_at_default_resolution_need_two_calls_and_no_audio_costs_no_audio_tokens()
    {
        var rate = NativeVideoRates.Default.First(r => r.Resolution == "default");

        Assert.Equal(2, NativeVideoRates.Quote(rate, 7200, hasAudio: true).Calls);
        Assert.Equal(258 * 60, NativeVideoRates.Quote(rate, 60, hasAudio: false).Tokens);
    }
}
