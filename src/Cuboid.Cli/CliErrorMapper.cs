namespace Cuboid.Cli;

/// <summary>The one place the command line names the library's parameters: a <see cref="CuboidException"/> names them
/// the library's way (<c>Every</c>), the user typed a flag (<c>--every</c>). Parameters no command exposes get a few
/// words instead. A server maps the same parameters to its own field names.</summary>
public static class CliErrorMapper
{
    /// <summary>How the command line writes each of <see cref="CuboidParameters.All"/>.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CuboidParameters.Input.Name] = "<video>",
        [CuboidParameters.OutputDirectory.Name] = "--out",
        [CuboidParameters.OutputPath.Name] = "--out",
        [CuboidParameters.CacheDirectory.Name] = "--cache",
        [CuboidParameters.StoreDirectory.Name] = "--store",
        [CuboidParameters.Config.Name] = "--config",
        [CuboidParameters.Catalog.Name] = "--catalog",
        [CuboidParameters.UpdateSource.Name] = "--from",
        [CuboidParameters.Every.Name] = "--every",
        [CuboidParameters.MaxFrames.Name] = "--max-frames",
        [CuboidParameters.Concurrency.Name] = "--concurrency",
        [CuboidParameters.Formats.Name] = "--format",
        [CuboidParameters.Budget.Name] = "--budget",
        [CuboidParameters.Reasoner.Name] = "--reasoner",
        [CuboidParameters.Captioner.Name] = "--captioner",
        [CuboidParameters.Transcriber.Name] = "--transcriber",
        [CuboidParameters.Model.Name] = "--model",
        [CuboidParameters.Task.Name] = "--task",
        [CuboidParameters.Question.Name] = "<question>",
        [CuboidParameters.Image.Name] = "--image",
        [CuboidParameters.Prompt.Name] = "<prompt>",
        [CuboidParameters.Seconds.Name] = "--seconds",
        [CuboidParameters.FirstFrame.Name] = "--image",
        [CuboidParameters.LastFrame.Name] = "--last-image",
        [CuboidParameters.Size.Name] = "--size",
        [CuboidParameters.Resolution.Name] = "--resolution",
        [CuboidParameters.AspectRatio.Name] = "--aspect",
        [CuboidParameters.Frames.Name] = "--frames",
        [CuboidParameters.Fps.Name] = "--fps",
        [CuboidParameters.Fit.Name] = "--fit",
        [CuboidParameters.FamiliesFile.Name] = "--families",
        [CuboidParameters.Gpu.Name] = "--gpu",
        [CuboidParameters.GpusFile.Name] = "--gpus",
        [CuboidParameters.Precision.Name] = "--precision",
        [CuboidParameters.ParameterCount.Name] = "--params",
        [CuboidParameters.Steps.Name] = "--steps",
        [CuboidParameters.PromptTokens.Name] = "--prompt-tokens",
        [CuboidParameters.Batch.Name] = "--batch",
        [CuboidParameters.Layers.Name] = "--layers",
        [CuboidParameters.Workload.Name] = "the workload",
        [CuboidParameters.Mfu.Name] = "--mfu",
        [CuboidParameters.Mbu.Name] = "--mbu",
        [CuboidParameters.GpuHourPrice.Name] = "--usd-per-gpu-hour",
        [CuboidParameters.Host.Name] = "--model",
        [CuboidParameters.BaseUrl.Name] = "baseUrl",
        [CuboidParameters.ApiKind.Name] = "apiKind",
        [CuboidParameters.Resilience.Name] = "resilience",
        [CuboidParameters.HalfLife.Name] = "halfLifeDays",
        [CuboidParameters.PriorPercentile.Name] = "priorPercentile",
        [CuboidParameters.JobId.Name] = "<id>",
        [CuboidParameters.Anchor.Name] = "--anchor",
        [CuboidParameters.At.Name] = "--at",
        [CuboidParameters.Segments.Name] = "--segments",
        [CuboidParameters.Strategy.Name] = "--strategy",
        [CuboidParameters.Extend.Name] = "--extend",
        [CuboidParameters.Judge.Name] = "--judge",
        [CuboidParameters.Storyboard.Name] = "--storyboard",
        [CuboidParameters.Gate.Name] = "--gate",
        [CuboidParameters.ReAnchor.Name] = "--re-anchor",
        [CuboidParameters.BestOf.Name] = "--best-of",
        [CuboidParameters.SegmentSeconds.Name] = "--segment-seconds",
        [CuboidParameters.Crossfade.Name] = "--crossfade",
        [CuboidParameters.Count.Name] = "image count",
        [CuboidParameters.AnalysisLongSide.Name] = "analysis size",
        [CuboidParameters.ExportLongSide.Name] = "export size",
        [CuboidParameters.JpegQuality.Name] = "JPEG quality",
        [CuboidParameters.Threads.Name] = "threads",
        [CuboidParameters.MotionBucket.Name] = "motion profile bucket",
        [CuboidParameters.SampleInterval.Name] = "--every",
        [CuboidParameters.Interval.Name] = "--every",
        [CuboidParameters.Times.Name] = "--at",
        [CuboidParameters.MaxSize.Name] = "--max-size",
        [CuboidParameters.Detector.Name] = "--detector",
        [CuboidParameters.Threshold.Name] = "--threshold",
        [CuboidParameters.AdaptiveWindow.Name] = "adaptive window",
        [CuboidParameters.SceneDetection.Name] = "scene detection options",
        [CuboidParameters.FlashWindow.Name] = "flash window",
        [CuboidParameters.MinSceneLength.Name] = "--min-scene",
        [CuboidParameters.MinGap.Name] = "--min-gap",
        [CuboidParameters.From.Name] = "--from",
        [CuboidParameters.To.Name] = "--to",
        [CuboidParameters.Duration.Name] = "duration",
        [CuboidParameters.Items.Name] = "items",
        [CuboidParameters.Capacity.Name] = "capacity",
        [CuboidParameters.Patch.Name] = "patch",
        [CuboidParameters.Positions.Name] = "position buffer",
        [CuboidParameters.Shape.Name] = "shape",
        [CuboidParameters.Buffer.Name] = "buffer",
        [CuboidParameters.TemporalFactor.Name] = "temporal factor",
    };

    /// <summary>How the command line writes <paramref name="parameter"/> (its library name when it has no entry).</summary>
    public static string NameOf(CuboidParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Names.TryGetValue(parameter.Name, out var name) ? name : parameter.Name;
    }

    /// <summary>The error's message as the command line shows it: flags where the library names its parameters.</summary>
    public static string Message(CuboidException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.FormatMessage(NameOf);
    }
}
