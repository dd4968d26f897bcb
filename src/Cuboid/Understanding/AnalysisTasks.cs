namespace Cuboid.Understanding;

/// <summary>The portfolio tasks (and report stages) of an analysis.</summary>
public static class AnalysisTasks
{
    /// <summary>Captioning sampled frames.</summary>
    public const string Caption = "caption";
    /// <summary>Transcribing the audio.</summary>
    public const string Transcribe = "transcribe";
    /// <summary>Writing the summary, chapters and key moments.</summary>
    public const string Reason = "reason";
}
