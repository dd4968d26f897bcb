namespace Cuboid;

/// <summary>The names of the values a caller gives the library, for <see cref="CuboidException.Parameter"/> and the
/// messages that mention them. Surfaces map each to their own name (the CLI to a flag in <c>CliErrorMapper</c>).</summary>
public static class CuboidParameters
{
    /// <summary>The input file (video, or audio for some commands).</summary>
    public static readonly CuboidParameter Input = new(nameof(Input));

    /// <summary>The folder outputs are written into.</summary>
    public static readonly CuboidParameter OutputDirectory = new(nameof(OutputDirectory));

    /// <summary>The file an output is written to (the audio WAV).</summary>
    public static readonly CuboidParameter OutputPath = new(nameof(OutputPath));

    /// <summary>The folder of the analysis cache.</summary>
    public static readonly CuboidParameter CacheDirectory = new(nameof(CacheDirectory));

    /// <summary>The folder of the video job store.</summary>
    public static readonly CuboidParameter StoreDirectory = new(nameof(StoreDirectory));

    /// <summary>The config file.</summary>
    public static readonly CuboidParameter Config = new(nameof(Config));

    /// <summary>A model catalog overlay file.</summary>
    public static readonly CuboidParameter Catalog = new(nameof(Catalog));

    /// <summary>The file or URL a catalog update reads.</summary>
    public static readonly CuboidParameter UpdateSource = new(nameof(UpdateSource));

    /// <summary>The sampling interval of an analysis.</summary>
    public static readonly CuboidParameter Every = new(nameof(Every));

    /// <summary>The most frames an analysis captions.</summary>
    public static readonly CuboidParameter MaxFrames = new(nameof(MaxFrames));

    /// <summary>How many model calls an analysis makes at once.</summary>
    public static readonly CuboidParameter Concurrency = new(nameof(Concurrency));

    /// <summary>The report formats to write.</summary>
    public static readonly CuboidParameter Formats = new(nameof(Formats));

    /// <summary>The most a run may spend, in dollars.</summary>
    public static readonly CuboidParameter Budget = new(nameof(Budget));

    /// <summary>The model pinned for the reasoning task.</summary>
    public static readonly CuboidParameter Reasoner = new(nameof(Reasoner));

    /// <summary>The model pinned for the caption task.</summary>
    public static readonly CuboidParameter Captioner = new(nameof(Captioner));

    /// <summary>The model pinned for the transcribe task.</summary>
    public static readonly CuboidParameter Transcriber = new(nameof(Transcriber));

    /// <summary>A model reference (provider:model), video model id or model family id.</summary>
    public static readonly CuboidParameter Model = new(nameof(Model));

    /// <summary>A task a catalog model serves.</summary>
    public static readonly CuboidParameter Task = new(nameof(Task));

    /// <summary>The question asked of a model.</summary>
    public static readonly CuboidParameter Question = new(nameof(Question));

    /// <summary>An image sent with a question.</summary>
    public static readonly CuboidParameter Image = new(nameof(Image));

    /// <summary>What a generated video should show.</summary>
    public static readonly CuboidParameter Prompt = new(nameof(Prompt));

    /// <summary>A clip's length in seconds.</summary>
    public static readonly CuboidParameter Seconds = new(nameof(Seconds));

    /// <summary>The image a generated video starts from.</summary>
    public static readonly CuboidParameter FirstFrame = new(nameof(FirstFrame));

    /// <summary>The image a generated video ends on.</summary>
    public static readonly CuboidParameter LastFrame = new(nameof(LastFrame));

    /// <summary>A picture size, WIDTHxHEIGHT.</summary>
    public static readonly CuboidParameter Size = new(nameof(Size));

    /// <summary>A named resolution such as 720p.</summary>
    public static readonly CuboidParameter Resolution = new(nameof(Resolution));

    /// <summary>An aspect ratio, W:H.</summary>
    public static readonly CuboidParameter AspectRatio = new(nameof(AspectRatio));

    /// <summary>A clip's frame count.</summary>
    public static readonly CuboidParameter Frames = new(nameof(Frames));

    /// <summary>A frame rate.</summary>
    public static readonly CuboidParameter Fps = new(nameof(Fps));

    /// <summary>What to do with a size the model cannot take (crop, pad).</summary>
    public static readonly CuboidParameter Fit = new(nameof(Fit));

    /// <summary>A file of extra model families.</summary>
    public static readonly CuboidParameter FamiliesFile = new(nameof(FamiliesFile));

    /// <summary>The GPU a plan is priced on.</summary>
    public static readonly CuboidParameter Gpu = new(nameof(Gpu));

    /// <summary>A file of extra GPUs.</summary>
    public static readonly CuboidParameter GpusFile = new(nameof(GpusFile));

    /// <summary>The arithmetic precision of a plan (bf16, fp8).</summary>
    public static readonly CuboidParameter Precision = new(nameof(Precision));

    /// <summary>A model's parameter count.</summary>
    public static readonly CuboidParameter ParameterCount = new(nameof(ParameterCount));

    /// <summary>Diffusion steps (and passes per step).</summary>
    public static readonly CuboidParameter Steps = new(nameof(Steps));

    /// <summary>Prompt (and output) tokens of a language-model workload.</summary>
    public static readonly CuboidParameter PromptTokens = new(nameof(PromptTokens));

    /// <summary>A workload's batch size.</summary>
    public static readonly CuboidParameter Batch = new(nameof(Batch));

    /// <summary>Layers and attention widths of a model's shape.</summary>
    public static readonly CuboidParameter Layers = new(nameof(Layers));

    /// <summary>A whole compute workload, when it is too large to count.</summary>
    public static readonly CuboidParameter Workload = new(nameof(Workload));

    /// <summary>Model FLOPs utilisation.</summary>
    public static readonly CuboidParameter Mfu = new(nameof(Mfu));

    /// <summary>Memory-bandwidth utilisation.</summary>
    public static readonly CuboidParameter Mbu = new(nameof(Mbu));

    /// <summary>Dollars per GPU-hour.</summary>
    public static readonly CuboidParameter GpuHourPrice = new(nameof(GpuHourPrice));

    /// <summary>A video host of the catalog.</summary>
    public static readonly CuboidParameter Host = new(nameof(Host));

    /// <summary>A provider's or host's base URL.</summary>
    public static readonly CuboidParameter BaseUrl = new(nameof(BaseUrl));

    /// <summary>A provider's or host's API kind.</summary>
    public static readonly CuboidParameter ApiKind = new(nameof(ApiKind));

    /// <summary>The resilience settings (retries, timeouts, breakers).</summary>
    public static readonly CuboidParameter Resilience = new(nameof(Resilience));

    /// <summary>The rating half-life.</summary>
    public static readonly CuboidParameter HalfLife = new(nameof(HalfLife));

    /// <summary>The rating prior percentile.</summary>
    public static readonly CuboidParameter PriorPercentile = new(nameof(PriorPercentile));

    /// <summary>A video job's id.</summary>
    public static readonly CuboidParameter JobId = new(nameof(JobId));

    /// <summary>The anchor image drift is measured against.</summary>
    public static readonly CuboidParameter Anchor = new(nameof(Anchor));

    /// <summary>Explicit join times of a drift measurement.</summary>
    public static readonly CuboidParameter At = new(nameof(At));

    /// <summary>The segment length of a drift measurement.</summary>
    public static readonly CuboidParameter Segments = new(nameof(Segments));

    /// <summary>How a long video is made (keyframes, chain, extend).</summary>
    public static readonly CuboidParameter Strategy = new(nameof(Strategy));

    /// <summary>The finished job whose video a new job extends.</summary>
    public static readonly CuboidParameter Extend = new(nameof(Extend));

    /// <summary>Whether a long video's segments are judged against their shots' prompts.</summary>
    public static readonly CuboidParameter Judge = new(nameof(Judge));

    /// <summary>The storyboard file of a long video.</summary>
    public static readonly CuboidParameter Storyboard = new(nameof(Storyboard));

    /// <summary>The drift gates a long video's segments are held to.</summary>
    public static readonly CuboidParameter Gate = new(nameof(Gate));

    /// <summary>What a long video does when a gate trips (match, regenerate, off).</summary>
    public static readonly CuboidParameter ReAnchor = new(nameof(ReAnchor));

    /// <summary>How many takes of a segment a long video may render, keeping the best.</summary>
    public static readonly CuboidParameter BestOf = new(nameof(BestOf));

    /// <summary>The length of each segment of a long video, in seconds.</summary>
    public static readonly CuboidParameter SegmentSeconds = new(nameof(SegmentSeconds));

    /// <summary>The crossfade at each join of a long video, in seconds.</summary>
    public static readonly CuboidParameter Crossfade = new(nameof(Crossfade));

    /// <summary>How many images one image call makes.</summary>
    public static readonly CuboidParameter Count = new(nameof(Count));

    /// <summary>The long side of analysis frames, in pixels.</summary>
    public static readonly CuboidParameter AnalysisLongSide = new(nameof(AnalysisLongSide));

    /// <summary>The long side of exported frames, in pixels.</summary>
    public static readonly CuboidParameter ExportLongSide = new(nameof(ExportLongSide));

    /// <summary>The JPEG quality of exported frames.</summary>
    public static readonly CuboidParameter JpegQuality = new(nameof(JpegQuality));

    /// <summary>Decoder threads.</summary>
    public static readonly CuboidParameter Threads = new(nameof(Threads));

    /// <summary>The motion profile's bucket length.</summary>
    public static readonly CuboidParameter MotionBucket = new(nameof(MotionBucket));

    /// <summary>The analysis pass's sampling interval.</summary>
    public static readonly CuboidParameter SampleInterval = new(nameof(SampleInterval));

    /// <summary>The interval between exported frames.</summary>
    public static readonly CuboidParameter Interval = new(nameof(Interval));

    /// <summary>The times frames are exported at.</summary>
    public static readonly CuboidParameter Times = new(nameof(Times));

    /// <summary>The largest side of an exported image or thumbnail.</summary>
    public static readonly CuboidParameter MaxSize = new(nameof(MaxSize));

    /// <summary>The scene detector (content, adaptive).</summary>
    public static readonly CuboidParameter Detector = new(nameof(Detector));

    /// <summary>The scene detector's cut threshold.</summary>
    public static readonly CuboidParameter Threshold = new(nameof(Threshold));

    /// <summary>The adaptive detector's window in frames.</summary>
    public static readonly CuboidParameter AdaptiveWindow = new(nameof(AdaptiveWindow));

    /// <summary>The scene detector's secondary settings.</summary>
    public static readonly CuboidParameter SceneDetection = new(nameof(SceneDetection));

    /// <summary>How long a flash may last before it counts as a cut.</summary>
    public static readonly CuboidParameter FlashWindow = new(nameof(FlashWindow));

    /// <summary>The shortest scene.</summary>
    public static readonly CuboidParameter MinSceneLength = new(nameof(MinSceneLength));

    /// <summary>The least time between keyframes kept.</summary>
    public static readonly CuboidParameter MinGap = new(nameof(MinGap));

    /// <summary>Where an audio range starts.</summary>
    public static readonly CuboidParameter From = new(nameof(From));

    /// <summary>Where an audio range ends.</summary>
    public static readonly CuboidParameter To = new(nameof(To));

    /// <summary>A duration written as text (5s, 500ms, 1m30s, 12.5).</summary>
    public static readonly CuboidParameter Duration = new(nameof(Duration));

    /// <summary>The clips and images packed into sequences.</summary>
    public static readonly CuboidParameter Items = new(nameof(Items));

    /// <summary>A packed sequence's capacity in tokens.</summary>
    public static readonly CuboidParameter Capacity = new(nameof(Capacity));

    /// <summary>A patch size.</summary>
    public static readonly CuboidParameter Patch = new(nameof(Patch));

    /// <summary>A position buffer.</summary>
    public static readonly CuboidParameter Positions = new(nameof(Positions));

    /// <summary>A tensor shape.</summary>
    public static readonly CuboidParameter Shape = new(nameof(Shape));

    /// <summary>A tensor buffer.</summary>
    public static readonly CuboidParameter Buffer = new(nameof(Buffer));

    /// <summary>A VAE's temporal compression factor.</summary>
    public static readonly CuboidParameter TemporalFactor = new(nameof(TemporalFactor));

    /// <summary>Every parameter above.</summary>
    public static IReadOnlyList<CuboidParameter> All { get; } =
    [
        Input,
        OutputDirectory,
        OutputPath,
        CacheDirectory,
        StoreDirectory,
        Config,
        Catalog,
        UpdateSource,
        Every,
        MaxFrames,
        Concurrency,
        Formats,
        Budget,
        Reasoner,
        Captioner,
        Transcriber,
        Model,
        Task,
        Question,
        Image,
        Prompt,
        Seconds,
        FirstFrame,
        LastFrame,
        Size,
        Resolution,
        AspectRatio,
        Frames,
        Fps,
        Fit,
        FamiliesFile,
        Gpu,
        GpusFile,
        Precision,
        ParameterCount,
        Steps,
        PromptTokens,
        Batch,
        Layers,
        Workload,
        Mfu,
        Mbu,
        GpuHourPrice,
        Host,
        BaseUrl,
        ApiKind,
        Resilience,
        HalfLife,
        PriorPercentile,
        JobId,
        Anchor,
        At,
        Segments,
        Strategy,
        Extend,
        Judge,
        Storyboard,
        Gate,
        ReAnchor,
        BestOf,
        SegmentSeconds,
        Crossfade,
        Count,
        AnalysisLongSide,
        ExportLongSide,
        JpegQuality,
        Threads,
        MotionBucket,
        SampleInterval,
        Interval,
        Times,
        MaxSize,
        Detector,
        Threshold,
        AdaptiveWindow,
        SceneDetection,
        FlashWindow,
        MinSceneLength,
        MinGap,
        From,
        To,
        Duration,
        Items,
        Capacity,
        Patch,
        Positions,
        Shape,
        Buffer,
        TemporalFactor,
    ];
}
