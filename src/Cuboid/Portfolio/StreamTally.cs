using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>Counts what a stream delivered: updates, text characters, and the usage the provider reported, if any.</summary>
internal sealed class StreamTally
{
    public int Updates { get; private set; }

    public int TextLength { get; private set; }

    public UsageDetails? Usage { get; private set; }

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
}
