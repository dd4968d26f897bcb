using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Relay;
using Cuboid.Server.OpenAI;

namespace Cuboid.Tests.Server.OpenAI;

/// <summary>
/// A relayed request is planned and reserved from its JSON; a converted one from its Microsoft.Extensions.AI messages. Both
/// estimates must agree, or the same request would hold a different amount of a key's budget on each path.
/// </summary>
public sealed class ChatCompletionReaderTests
{
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"What is in this video, frame by frame?"}]}""")]
    [InlineData("""{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello! How can I help?"},{"role":"user","content":"Summarise."}],"max_tokens":64}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}],"max_completion_tokens":300}""")]
    [InlineData("""{"messages":[{"role":"developer","content":"Answer in French."},{"role":"user","content":[{"type":"text","text":"un"},{"type":"text","text":"deux"}]}]}""")]
    public void The_estimate_from_the_JSON_is_the_estimate_from_the_messages(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var request = ChatCompletionReader.Read(doc.RootElement);

        var fromJson = WireRequest.Estimate(doc.RootElement, request.Options.MaxOutputTokens, 1024);
        var fromMessages = RequestEstimate.ForChat(ChatCompletionReader.Messages(request), request.Options, 1024);

        Assert.Equal(fromMessages, fromJson);
    }
}
