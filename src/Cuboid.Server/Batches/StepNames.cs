using System.Globalization;

namespace Cuboid.Server.Batches;

/// <summary>The steps of one video's analysis, as the step rows name them.</summary>
public static class StepNames
{
    /// <summary>Probe and the one decode pass: frames exported, near-duplicates dropped (queue media).</summary>
    public const string Prepare = "prepare";

    /// <summary>The audio extracted and transcribed (queue providers).</summary>
    public const string Transcribe = "transcribe";

    /// <summary>Synthesis and the report, every caption and transcript served by the cache (queue media).</summary>
    public const string Finish = "finish";

    /// <summary>One batch of captions (queue providers).</summary>
    public static string Caption(int batch) => "caption-" + batch.ToString("000", CultureInfo.InvariantCulture);
}
