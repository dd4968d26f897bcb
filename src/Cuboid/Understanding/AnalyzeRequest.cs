using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>One <c>cuboid analyze</c> run, as the CLI (or any host) describes it.</summary>
public sealed record AnalyzeRequest
{
    /// <summary>The video file to analyze.</summary>
    public required string VideoPath { get; init; }

    /// <summary>Where the report goes; default <c>&lt;video&gt;.cuboid/</c> beside the video.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How frames are sampled (every 5 s and after each cut by default).</summary>
    public SamplingSettings Sampling { get; init; } = new();

    /// <summary>Cap on captioned frames (cuts first, the rest spread evenly); null for no cap.</summary>
    public int? MaxFrames { get; init; }

    /// <summary>What the user especially wants to know (<c>--prompt</c>), given to captioner and reasoner.</summary>
    public string? Focus { get; init; }

    /// <summary>Spoken language (ISO 639-1) for transcription; null to let the model detect it.</summary>
    public string? Language { get; init; }

    /// <summary>Captions requested at once (at least 1).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Which report files to write.</summary>
    public ReportFormats Formats { get; init; } = ReportFormats.All;

    /// <summary>Call no model: the structural report only.</summary>
    public bool Offline { get; init; }

    /// <summary>The report folder: <see cref="OutputDirectory"/>, else <c>&lt;video&gt;.cuboid</c> beside the video.</summary>
    public string OutputPath => OutputDirectory ?? VideoPath.TrimEnd('/', '\\') + ".cuboid";

    /// <summary>Throws a usage error naming the first bad value (the sampling period, the frame cap, ...).</summary>
    public void Validate()
    {
        if (Sampling.EverySeconds <= 0 || !double.IsFinite(Sampling.EverySeconds))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Every, $"{CuboidParameters.Every} must be a positive duration, e.g. 5s");
        }

        if (MaxFrames is < 1)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.MaxFrames, $"{CuboidParameters.MaxFrames} must be at least 1");
        }

        if (Concurrency is < 1 or > 64)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Concurrency, $"{CuboidParameters.Concurrency} must be between 1 and 64");
        }

        if (Formats == ReportFormats.None)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Formats, $"{CuboidParameters.Formats} needs at least one of json, md, vtt, html");
        }
    }
}
