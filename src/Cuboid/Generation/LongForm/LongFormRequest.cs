using Cuboid.Portfolio;

namespace Cuboid.Generation.LongForm;

/// <summary>One long video: the prompt and length (or a storyboard), the strategy, anchors, gates, best-of-N, crossfade,
/// and the per-segment generation options (size, model, policy) every segment shares.</summary>
public sealed record LongFormRequest
{
    /// <summary>What the whole video should show; split over the shots unless a storyboard gives them.</summary>
    public required string Prompt { get; init; }

    /// <summary>Total length; ignored when <see cref="StoryboardPath"/> gives the shots.</summary>
    public int Seconds { get; init; } = 60;

    /// <summary>Length of each segment when Cuboid splits <see cref="Seconds"/> (a duration the routes offer).</summary>
    public int SegmentSeconds { get; init; } = 8;

    /// <summary>How segments are chained: keyframes first (in parallel), each from the last frame, or by native extension.</summary>
    public LongFormStrategy Strategy { get; init; } = LongFormStrategy.Keyframes;

    /// <summary>Reference images (subjects, style); the first is the anchor drift is measured and matched against.</summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    /// <summary>A <c>story.json</c> with the shots and anchors; null to write or split the storyboard.</summary>
    public string? StoryboardPath { get; init; }

    /// <summary>Thresholds a delivered segment is held to (ΔE 8 to the anchor, ΔE 10 at a join by default).</summary>
    public DriftGates Gates { get; init; } = DriftGates.Default;

    /// <summary>Renders of a segment at most (1 = never re-render); re-renders happen only while a gate trips and the budget allows.</summary>
    public int BestOf { get; init; } = 1;

    /// <summary>What to do at a segment over a gate: match its colour to the anchor or regenerate its start frame.</summary>
    public ReAnchorMode ReAnchor { get; init; } = ReAnchorMode.Match;

    /// <summary>Seconds of crossfade at each join (0: a straight cut with the duplicated first frame dropped).</summary>
    public double Crossfade { get; init; }

    /// <summary>Match each segment's colour and exposure to the anchor when joining (Reinhard transfer in Lab).</summary>
    public bool MatchColour { get; init; }

    /// <summary>Segments rendered at once by the keyframes strategy.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Exact size of every segment; else <see cref="Resolution"/> at <see cref="AspectRatio"/>.</summary>
    public VideoSize? Size { get; init; }

    /// <summary>Resolution name (<c>720p</c> by default) when <see cref="Size"/> is null.</summary>
    public string Resolution { get; init; } = "720p";

    /// <summary>Aspect ratio (<c>16:9</c> by default) when <see cref="Size"/> is null.</summary>
    public string AspectRatio { get; init; } = "16:9";

    /// <summary>A canonical model id to pin for every segment; null lets <see cref="Policy"/> choose per segment.</summary>
    public string? Model { get; init; }

    /// <summary>How each segment's routes are ordered: by decayed rating (the default), price or latency.</summary>
    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;

    /// <summary>What no segment should show, for routes that take a negative prompt.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>Caption a frame of every segment and score it against its shot's prompt (<see cref="LongFormSession.Judge"/>), priced in the plan.</summary>
    public bool Judge { get; init; }

    /// <summary>Throws a usage error naming the first bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Prompt) && StoryboardPath is null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Prompt, "the prompt is empty; say what the video should show");
        }

        if (StoryboardPath is null && Seconds <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Seconds, $"{CuboidParameters.Seconds} must be a positive whole number, not {Seconds}");
        }

        if (SegmentSeconds <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.SegmentSeconds, $"{CuboidParameters.SegmentSeconds} must be a positive whole number, not {SegmentSeconds}");
        }

        if (BestOf is < 1 or > 10)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.BestOf, $"{CuboidParameters.BestOf} must be 1 to 10, not {BestOf}");
        }

        if (Crossfade < 0 || Crossfade > SegmentSeconds / 2.0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Crossfade, $"{CuboidParameters.Crossfade} must be 0 to half a segment ({SegmentSeconds / 2.0} s), not {Crossfade}");
        }

        foreach (var anchor in Anchors)
        {
            if (!File.Exists(anchor))
            {
                throw CuboidException.Input(CuboidErrorCodes.InputNotFound, CuboidParameters.Anchor, $"{CuboidParameters.Anchor} {anchor}: no such file");
            }
        }
    }

    /// <summary>The request for one segment: this shot, these frames, and the shared options.</summary>
    public GenerateRequest Segment(StoryboardShot shot, string? firstFrame, string? lastFrame) => new()
    {
        Prompt = shot.Prompt,
        Seconds = shot.Seconds,
        FirstFramePath = firstFrame,
        LastFramePath = lastFrame,
        Size = Size,
        Resolution = Resolution,
        AspectRatio = AspectRatio,
        Model = Model,
        Policy = Policy,
        NegativePrompt = NegativePrompt,
    };
}
