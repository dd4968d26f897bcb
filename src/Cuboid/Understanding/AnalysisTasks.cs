namespace Cuboid.Understanding;

/// <summary>The portfolio tasks (and report stages) of an analysis.</summary>
public static class AnalysisTasks
{
    public const string Caption = "caption";
    public const string Transcribe = "transcribe";
    public const string Reason = "reason";
}
