using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Turns the timeline into a summary, chapters, key moments and topics with the reasoning model. The
/// answer is JSON in <see cref="SynthesisSchema"/> (structured output where the model takes it), validated by an
/// <see cref="AnswerCheck"/>: the portfolio's router asks the same model once more when an answer is not usable and
/// falls over to the next reasoner when the repair fails too. When the timeline does not fit the model's context window, time windows are summarised
/// first and their notes (with their timestamps) are then synthesised as a whole (map-reduce, recursively).
/// </summary>
internal sealed class Synthesizer
{
    // Room kept for the answer and the instructions; the rest of the window carries the timeline.
    private const int ReservedTokens = 6_000;
    private const double UsableShare = 0.8;

    private readonly IChatClient _reasoner;
    private readonly int _contextTokens;

    public Synthesizer(IChatClient reasoner, int contextTokens)
    {
        _reasoner = reasoner;
        _contextTokens = Math.Max(contextTokens, (int)((ReservedTokens + 2_000) / UsableShare));
    }

    /// <summary>How many timeline tokens one request may carry.</summary>
    public int TimelineBudget => (int)(_contextTokens * UsableShare) - ReservedTokens;

    /// <summary>Calls made to the reasoner so far (windows, reduce steps and repairs).</summary>
    public int Calls { get; private set; }

    /// <summary>The model that wrote the last answer: its response's <c>ModelId</c> (the catalog id when routed).</summary>
    public string? Model { get; private set; }

    /// <summary>The cache key of a synthesis: the prompt version, the focus, the duration and the exact timeline.</summary>
    public static string CacheKey(IReadOnlyList<TimelineEntry> timeline, double duration, string? focus) =>
        Storage.ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(
            $"{SynthesisPrompts.Version}\n{focus?.Trim()}\n{duration.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\n{Timeline.Render(timeline)}"));

    public async Task<SynthesisResult> SynthesizeAsync(IReadOnlyList<TimelineEntry> timeline, double duration, string? focus, CancellationToken cancellationToken = default)
    {
        var entries = timeline;
        while (TokenEstimate.FromText(Timeline.Render(entries)) > TimelineBudget)
        {
            entries = await SummarizeWindowsAsync(entries, duration, focus, cancellationToken).ConfigureAwait(false);
        }

        return await AskAsync(entries, duration, focus, window: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Splits the timeline into windows that fit and turns each into notes entries with the same timestamps.</summary>
    private async Task<IReadOnlyList<TimelineEntry>> SummarizeWindowsAsync(IReadOnlyList<TimelineEntry> entries, double duration, string? focus, CancellationToken cancellationToken)
    {
        var windows = Split(entries, TimelineBudget);
        if (windows.Count < 2)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderContextExceeded, CuboidParameters.Reasoner, $"one line of the timeline does not fit the reasoning model's context window ({_contextTokens} tokens); choose a model with a larger window with {CuboidParameters.Reasoner}");
        }

        var notes = new List<TimelineEntry>();
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var start = window[0].Time;
            var end = i + 1 < windows.Count ? windows[i + 1][0].Time : Math.Max(duration, window[^1].End ?? window[^1].Time);
            var part = await AskAsync(window, duration, focus, (start, end), cancellationToken).ConfigureAwait(false);
            notes.Add(new TimelineEntry(start, TimelineKind.Notes, part.Summary, end));
            notes.AddRange(part.Chapters.Where(c => c.Start >= start && c.Start < end)
                .Select(c => new TimelineEntry(c.Start, TimelineKind.Notes, $"chapter \"{c.Title}\": {c.Summary}", c.End)));
            notes.AddRange(part.KeyMoments.Where(k => k.Time >= start && k.Time <= end)
                .Select(k => new TimelineEntry(k.Time, TimelineKind.Notes, $"key moment: {k.Description}")));
        }

        var reduced = notes.OrderBy(n => n.Time).ToList();
        if (TokenEstimate.FromText(Timeline.Render(reduced)) >= TokenEstimate.FromText(Timeline.Render(entries)))
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderContextExceeded, CuboidParameters.Reasoner, $"the reasoning model's notes are longer than the timeline they summarise; choose a model with a larger context window with {CuboidParameters.Reasoner}");
        }

        return reduced;
    }

    internal static IReadOnlyList<IReadOnlyList<TimelineEntry>> Split(IReadOnlyList<TimelineEntry> entries, int budgetTokens)
    {
        var windows = new List<IReadOnlyList<TimelineEntry>>();
        var current = new List<TimelineEntry>();
        var tokens = 0;
        foreach (var entry in entries)
        {
            var cost = TokenEstimate.FromText(Timeline.Line(entry)) + 1;
            if (current.Count > 0 && tokens + cost > budgetTokens)
            {
                windows.Add(current);
                current = [];
                tokens = 0;
            }

            current.Add(entry);
            tokens += cost;
        }

        if (current.Count > 0)
        {
            windows.Add(current);
        }

        return windows;
    }

    private async Task<SynthesisResult> AskAsync(IReadOnlyList<TimelineEntry> entries, double duration, string? focus, (double Start, double End)? window, CancellationToken cancellationToken)
    {
        var user = (window is { } w ? SynthesisPrompts.Window(w.Start, w.End) + "\n\n" : string.Empty) + "Timeline:\n" + Timeline.Render(entries);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SynthesisPrompts.System(duration, focus)),
            new(ChatRole.User, user),
        ];
        // JSON in the summary's schema within a stated cap, so the budget reserves what the call may really cost; no
        // temperature (reasoning models reject it). The answer check repairs once and falls over (see AnswerCheck).
        var (from, to) = window ?? (0, duration);
        var check = new AnswerCheck(text => SynthesisParser.TryParse(text, to, out _, out var error, from) ? null : error, SynthesisPrompts.Repair);
        var options = check.AddTo(AnalysisRequests.SynthesisOptions());

        var answer = await _reasoner.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Calls++;
        if (!SynthesisParser.TryParse(answer.Text, to, out var result, out var error, from))
        {
            // The portfolio's router repairs and falls over by itself, so only a reasoner that ignores answer checks gets here.
            answer = await _reasoner.GetResponseAsync(check.WithRepair(messages, answer, error), options, cancellationToken).ConfigureAwait(false);
            Calls++;
            if (!SynthesisParser.TryParse(answer.Text, to, out result, out error, from))
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, CuboidParameters.Reasoner, $"the reasoning model returned an unusable answer twice ({error}); try another model with {CuboidParameters.Reasoner}");
            }
        }

        Model = answer.ModelId;
        return result;
    }
}
