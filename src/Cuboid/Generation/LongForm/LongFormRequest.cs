using Cuboid.Portfolio;

namespace Cuboid.Generation.LongForm;

/// <summary>One long video: the prompt and length (or a storyboard), the strategy, anchors, gates, best-of-N, crossfade,
/// and the per-segment generation options (size, model, policy) every segment shares.</summary>
public sealed record LongFormRequest
{
    public required string Prompt { get; init; }

    /// <summary>Total length; ignored when <see cref="StoryboardPath"/> gives the shots.</summary>
    public int Seconds { get; init; } = 60;

    /// <summary>Length of each segment when Cuboid splits <see cref="Seconds"/> (a duration the routes offer).</summary>
    public int SegmentSeconds { get; init; } = 8;

    public LongFormStrategy Strategy { get; init; } = LongFormStrategy.Keyframes;

    /// <summary>Reference images (subjects, style); the first is the anchor drift is measured and matched against.</summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    public string? StoryboardPath { get; init; }

    public DriftGates Gates { get; init; } = DriftGates.Default;

    /// <summary>Renders of a segment at most (1 = never re-render); re-renders happen only while a gate trips and the budget allows.</summary>
    public int BestOf { get; init; } = 1;

    public ReAnchorMode ReAnchor { get; init; } = ReAnchorMode.Match;

    /// <summary>Seconds of crossfade at each join (0: a straight cut with the duplicated first frame dropped).</summary>
    public double Crossfade { get; init; }

    /// <summary>Match each segment's colour and exposure to the anchor when joining (Reinhard transfer in Lab).</summary>
    public bool MatchColour { get; init; }

    /// <summary>Segments rendered at once by the keyframes strategy.</summary>
    public int Parallelism { get; init; } = 4;

    public VideoSize? Size { get; init; }

    public string Resolution { get; init; } = "720p";

    public string AspectRatio { get; init; } = "16:9";

    public string? Model { get; init; }

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;

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
