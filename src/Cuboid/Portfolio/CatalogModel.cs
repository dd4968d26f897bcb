namespace Cuboid.Portfolio;

/// <summary>
/// One model in the catalog, referenced as <c>provider:model</c>. Every field but <see cref="Id"/> is optional
/// so a user overlay can change just the fields it names (see <see cref="MergedWith"/>).
/// </summary>
public sealed record CatalogModel
{
    /// <summary><c>provider:model</c>, e.g. <c>openai:gpt-4.1-mini</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The display name; null shows the id.</summary>
    public string? Name { get; init; }

    /// <summary>Tasks it can serve (<see cref="ModelTasks"/>).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Input modalities: <c>text</c>, <c>image</c>, <c>audio</c>, <c>video</c>.</summary>
    public IReadOnlyList<string>? Input { get; init; }

    /// <summary>Context window in tokens (input plus output).</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Dollar prices per million tokens, per audio minute or per image; null when unknown (the model is then unpriced).</summary>
    public ModelPrices? Prices { get; init; }

    /// <summary>Whether it answers in a JSON schema given with the request (OpenAI <c>json_schema</c>, Ollama <c>format</c>); otherwise it gets JSON mode only.</summary>
    public bool? StructuredOutput { get; init; }

    /// <summary>
    /// For a reasoning model: the output tokens it may spend thinking before it answers (billed as output, and counted
    /// against the call's output cap). The router adds them to every call's stated cap on this model, in the request and
    /// in the budget reservation, so a caption capped at a few hundred tokens is not cut off by the model's thinking.
    /// </summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Leaderboard ratings per task, each with the day it was observed (decayed with the half-life).</summary>
    public IReadOnlyList<ModelRating>? Ratings { get; init; }

    /// <summary>The day the model was released, if known.</summary>
    public DateOnly? Released { get; init; }

    /// <summary>From this day the provider discourages new use: never routed.</summary>
    public DateOnly? Deprecated { get; init; }

    /// <summary>From this day the model no longer answers: never routed.</summary>
    public DateOnly? ShutDown { get; init; }

    /// <see cref="Id"/> parsed into provider and model.
    public ModelId Ref => ModelId.ParseCached(Id);

    /// <summary>The provider part of <see cref="Id"/> (<c>openai</c>).</summary>
    public string Provider => Ref.Provider;

    /// <summary>The model part of <see cref="Id"/> as the provider names it (<c>gpt-4.1-mini</c>).</summary>
    public string Model => Ref.Model;

    /// <summary>Whether <see cref="Tasks"/> lists <paramref name="task"/>.</summary>
    public bool Serves(string task) => Tasks?.Contains(task, StringComparer.Ordinal) == true;

    /// <summary>Whether <see cref="Input"/> lists <paramref name="modality"/> (<c>text</c>, <c>image</c>, <c>audio</c>, <c>video</c>).</summary>
    public bool Accepts(string modality) => Input?.Contains(modality, StringComparer.Ordinal) == true;

    /// <summary>
    /// A chat model that hears audio (Gemini) transcribes through chat, asked for timestamped JSON; a model that only
    /// transcribes (Whisper, gpt-4o-transcribe) through its provider's speech-to-text endpoint.
    /// </summary>
    public bool TranscribesThroughChat() => Serves(ModelTasks.Chat) && Accepts("audio");

    /// <summary>The day from which it is retired (deprecated or shut down, whichever comes first), if any.</summary>
    public DateOnly? RetiredOn => (Deprecated, ShutDown) switch
    {
        ({ } d, { } s) => d < s ? d : s,
        ({ } d, null) => d,
        (null, { } s) => s,
        _ => null,
    };

    /// <summary>Whether the model is deprecated or shut down on <paramref name="today"/>.</summary>
    public bool IsRetired(DateOnly today) => RetiredOn is { } day && day <= today;

    /// <summary>
    /// Overlay merge: fields the overlay sets win, prices merge field by field, and ratings are the union
    /// (an overlay rating replaces a base rating with the same task, source and date).
    /// </summary>
    public CatalogModel MergedWith(CatalogModel overlay)
    {
        var ratings = (Ratings ?? [])
            .Where(r => overlay.Ratings?.Any(o => o.Task == r.Task && o.Source == r.Source && o.Observed == r.Observed) != true)
            .Concat(overlay.Ratings ?? [])
            .ToList();
        return this with
        {
            Name = overlay.Name ?? Name,
            Tasks = overlay.Tasks ?? Tasks,
            Input = overlay.Input ?? Input,
            ContextWindow = overlay.ContextWindow ?? ContextWindow,
            ReasoningTokens = overlay.ReasoningTokens ?? ReasoningTokens,
            Prices = (Prices ?? new ModelPrices()).MergedWith(overlay.Prices),
            StructuredOutput = overlay.StructuredOutput ?? StructuredOutput,
            Ratings = ratings,
            Released = overlay.Released ?? Released,
            Deprecated = overlay.Deprecated ?? Deprecated,
            ShutDown = overlay.ShutDown ?? ShutDown,
        };
    }
}
