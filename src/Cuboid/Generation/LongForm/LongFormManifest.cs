using System.Text.Json;
using Cuboid.Portfolio;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// <c>longform.json</c> in the output folder: the run's identity, storyboard, anchor, keyframes, start frames and every
/// take of every segment, rewritten atomically after each change. A run started again with the same options and folder
/// reads it back and goes on from there: delivered takes are kept, created jobs are waited for (never created again).
/// </summary>
internal sealed class LongFormManifest
{
    public const string FileName = "longform.json";

    private readonly Lock _gate = new();

    public int SchemaVersion { get; set; } = 1;

    /// <summary>The options that make a run what it is; another run in the same folder is refused.</summary>
    public string Fingerprint { get; set; } = "";

    public Storyboard? Storyboard { get; set; }

    public string? Anchor { get; set; }

    public Dictionary<int, string> Keyframes { get; set; } = [];

    public Dictionary<int, string> StartFrames { get; set; } = [];

    /// <summary>For the <c>extend</c> strategy: the job each segment extends (a segment re-anchored instead has a start frame).</summary>
    public Dictionary<int, string> ExtendFrom { get; set; } = [];

    public List<SegmentTake> Takes { get; set; } = [];

    /// <summary>The take kept for each finished segment.</summary>
    public Dictionary<int, int> Chosen { get; set; } = [];

    public List<GateEvent> Gates { get; set; } = [];

    public List<string> Warnings { get; set; } = [];

    /// <summary>The judge's verdict on each segment's kept take, kept as each caption and the scores arrive (never paid for twice).</summary>
    public List<SegmentVerdict> Judgements { get; set; } = [];

    /// <summary>What the reasoning model's storyboard cost (estimated), counted once even when the run resumes.</summary>
    public decimal StoryboardDollars { get; set; }

    public static LongFormManifest? Load(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LongFormManifest>(File.ReadAllText(path), PortfolioJson.Options);
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{path} is damaged ({ex.Message}); remove it to start the run again", ex);
        }
    }

    /// <summary>Applies a change and writes the file, under one lock (keyframe segments finish in parallel).</summary>
    public void Update(string folder, Action<LongFormManifest> change)
    {
        lock (_gate)
        {
            change(this);
            PortfolioJson.WriteAtomically(System.IO.Path.Combine(folder, FileName), this);
        }
    }

    /// <summary>Reads under the same lock (segments and keyframes finish in parallel).</summary>
    public T Read<T>(Func<LongFormManifest, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }

    public IReadOnlyList<SegmentTake> TakesOf(int segment)
    {
        lock (_gate)
        {
            return [.. Takes.Where(t => t.Segment == segment).OrderBy(t => t.Take)];
        }
    }

    /// <summary>Adds or replaces a take (by segment and take number).</summary>
    public void Put(SegmentTake take)
    {
        Takes.RemoveAll(t => t.Segment == take.Segment && t.Take == take.Take);
        Takes.Add(take);
    }
}
