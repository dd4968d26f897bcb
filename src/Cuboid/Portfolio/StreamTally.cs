using Cuboid.Portfolio.Relay;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>Counts what a stream delivered: updates, text characters, and the usage the provider reported, if any.</summary>
internal sealed class StreamTally
{
    public int Updates { get; private set; }

    public int TextLength { get; private set; }

    public UsageDetails? Usage { get; private set; }

    /// <summary>Whether an update carries part of the answer (anything but usage or empty text).</summary>
    public static bool HasAnswer(ChatResponseUpdate update) => update.Contents.Any(c => c switch
    {
        UsageContent => false,
        TextContent text => !string.IsNullOrEmpty(text.Text),
        _ => true,
    });

    public void Add(ChatResponseUpdate update)
    {
        Updates++;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    TextLength += text.Text?.Length ?? 0;
                    break;
                case UsageContent usage:
                    Usage ??= new UsageDetails();
                    Usage.Add(usage.Details);
                    break;
            }
        }
    }

    /// <summary>Counts a relayed update: a provider's own chunk, or an update from a model on another protocol.</summary>
    public void Add(RelayedUpdate update)
    {
        if (update.Update is { } converted)
        {
            Add(converted);
            return;
        }

        var wire = update.Wire!;
        Updates++;
        TextLength += wire.TextLength;
        if (wire.InputTokens is not null || wire.OutputTokens is not null)
        {
            Usage ??= new UsageDetails();
            Usage.InputTokenCount = (Usage.InputTokenCount ?? 0) + (wire.InputTokens ?? 0);
            Usage.OutputTokenCount = (Usage.OutputTokenCount ?? 0) + (wire.OutputTokens ?? 0);
        }
    }
}
