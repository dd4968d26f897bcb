using System.Text;
using Cuboid.Portfolio.Relay;

namespace Cuboid.Tests.Portfolio.Relay;

/// <summary>What the router reads from a provider's own answer: whether it answers, its text length, finish reason and usage.</summary>
public sealed class WireAnswerTests
{
    private static WireAnswer Parse(string json, bool chunk) => WireAnswer.Parse(Encoding.UTF8.GetBytes(json), chunk);

    [Theory]
    [InlineData("""{"choices":[{"message":{"role":"assistant","content":"Hello"}}]}""", false, true, 5)]
    [InlineData("""{"choices":[{"message":{"role":"assistant","content":""}}]}""", false, false, 0)]
    [InlineData("""{"choices":[{"message":{"role":"assistant","content":null}}]}""", false, false, 0)]
    [InlineData("""{"choices":[{"message":{"role":"assistant","content":null,"refusal":"I can't."}}]}""", false, true, 0)]
    [InlineData("""{"choices":[{"message":{"role":"assistant","tool_calls":[{"id":"c1"}]}}]}""", false, true, 0)]
    [InlineData("""{"choices":[{"delta":{"role":"assistant","content":""}}]}""", true, false, 0)]
    [InlineData("""{"choices":[{"delta":{"content":"Hi"}}]}""", true, true, 2)]
    [InlineData("""{"choices":[{"delta":{"content":"Hi"}}]}""", false, false, 0)]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}""", true, false, 0)]
    [InlineData("""{"choices":[{"delta":{"content":"h\u00e9llo \"q\" \ud83d\ude00"}}]}""", true, true, 12)]
    [InlineData("""{"choices":[{"delta":{"content":"héllo 😀"}}]}""", true, true, 8)]
    [InlineData("""{"choices":[{"message":{"content":[{"type":"text","text":"né\n"},{"type":"image_url"}]}}]}""", false, true, 3)]
    [InlineData("""{"choices":[{"message":{"content":null,"refusal":""}}]}""", false, false, 0)]
    public void An_answer_is_text_a_refusal_or_tool_calls(string json, bool chunk, bool answers, int length)
    {
        using var answer = Parse(json, chunk);

        Assert.Equal(answers, answer.HasAnswer);
        Assert.Equal(length, answer.TextLength);
    }

    [Fact]
    public void Usage_and_the_finish_reason_are_read_where_the_provider_puts_them()
    {
        using var last = Parse("""{"choices":[{"delta":{},"finish_reason":"length"}],"usage":null}""", chunk: true);
        using var usage = Parse("""{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""", chunk: true);

        Assert.Equal("length", last.FinishReason);
        Assert.True(last.HasChoices);
        Assert.Null(last.InputTokens);
        Assert.False(usage.HasChoices);
        Assert.Equal(12, usage.InputTokens);
        Assert.Equal(7, usage.OutputTokens);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"choices\":")]
    public void Something_that_is_not_an_answer_object_does_not_parse(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse(json, chunk: true));
}
