using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// What a call will send and may receive, estimated before it is made: text tokens (characters / 4),
/// images, audio and video seconds, and the output tokens to reserve. Used to filter by context window,
/// to price candidates, and to reserve budget.
/// </summary>
public sealed record RequestEstimate
{
    /// <summary>Tokens one image costs on a model whose catalog entry does not say (between Gemini's 258 and GPT-4o-mini's 2,833).</summary>
    public const int DefaultImageTokens = 1000;

    /// <summary>A nominal request for planning without a concrete call: a 1,000-token prompt and 500 tokens out.</summary>
    public static RequestEstimate Nominal { get; } = new() { TextTokens = 1000, OutputTokens = 500 };

    /// <summary>
    /// The request a task typically makes, for planning and pricing without a concrete call: one minute of audio
    /// for <c>transcribe</c>, a nominal prompt with one frame for <c>caption</c>, else <see cref="Nominal"/>.
    /// </summary>
    public static RequestEstimate Typical(string task) => task switch
    {
        ModelTasks.Transcribe => ForAudio(60),
        ModelTasks.Caption => Nominal with { Images = 1 },
        _ => Nominal,
    };

    /// <summary>Input text tokens.</summary>
    public int TextTokens { get; init; }

    /// <summary>Input images.</summary>
    public int Images { get; init; }

    /// <summary>Input audio, in seconds.</summary>
    public double AudioSeconds { get; init; }

    /// <summary>Input video, in seconds.</summary>
    public double VideoSeconds { get; init; }

    /// <summary>Output tokens reserved (the call's MaxOutputTokens, or the configured default).</summary>
    public int OutputTokens { get; init; }

    /// <summary>Whether the request has images, so only models that accept images qualify.</summary>
    public bool NeedsImages => Images > 0;

    /// <summary><c>AdditionalProperties</c> key on a video <see cref="DataContent"/> or <see cref="UriContent"/>: its length in seconds, for native video models.</summary>
    public const string VideoSecondsKey = "cuboid.videoSeconds";

    /// <summary>Tokens for <paramref name="characters"/> of text, at four characters a token (rounded up).</summary>
    public static int TokensForText(int characters) => (characters + 3) / 4;

    /// <summary>
    /// Tokens a timestamped transcript takes per second of audio, for models that bill output tokens (chat transcription):
    /// speech is about 3.3 tokens per second, and the times and JSON around each segment more than double it.
    /// </summary>
    public const double TranscriptTokensPerSecond = 8;

    /// <summary>A transcription of <paramref name="seconds"/> of audio.</summary>
    public static RequestEstimate ForAudio(double seconds) =>
        new() { AudioSeconds = seconds, OutputTokens = (int)Math.Ceiling(seconds * TranscriptTokensPerSecond) };

    /// <summary>Input tokens on a given model: text, plus images, video and token-billed audio converted with the model's own rates.</summary>
    public long InputTokensOn(CatalogModel model)
    {
        var prices = model.Prices;
        long tokens = TextTokens;
        if (prices?.PerImage is null)
        {
            tokens += (long)Images * (prices?.ImageInputTokens ?? DefaultImageTokens);
        }

        tokens += (long)Math.Ceiling(VideoSeconds * (prices?.VideoInputTokensPerSecond ?? 300));
        return tokens + (prices?.AudioTokens(AudioSeconds) ?? 0);
    }

    /// <summary>Output tokens on a given model: the stated cap plus the thinking a reasoning model spends before its answer.</summary>
    public int OutputTokensOn(CatalogModel model) => OutputTokens + (model.ReasoningTokens ?? 0);

    /// <summary>The estimate of a chat request: its text, images and audio, and its output cap (else <paramref name="defaultOutputTokens"/>).</summary>
    public static RequestEstimate ForChat(IEnumerable<ChatMessage> messages, ChatOptions? options, int defaultOutputTokens)
    {
        var characters = 0;
        var images = 0;
        var videoSeconds = 0d;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        characters += text.Text?.Length ?? 0;
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        images++;
                        break;
                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        images++;
                        break;
                    case DataContent or UriContent when content.AdditionalProperties?.TryGetValue(VideoSecondsKey, out var seconds) == true:
                        videoSeconds += Convert.ToDouble(seconds, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                }
            }
        }

        characters += options?.Instructions?.Length ?? 0;
        return new RequestEstimate
        {
            TextTokens = TokensForText(characters),
            Images = images,
            VideoSeconds = videoSeconds,
            OutputTokens = options?.MaxOutputTokens ?? defaultOutputTokens,
        };
    }
}
