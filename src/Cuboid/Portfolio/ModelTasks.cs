namespace Cuboid.Portfolio;

/// <summary>The task names a catalog model can serve. Tasks are strings so a catalog can add new ones without a release.</summary>
public static class ModelTasks
{
    /// <summary>Describe one image (a sampled video frame).</summary>
    public const string Caption = "caption";

    /// <summary>Write a summary or answer from text (captions, transcript).</summary>
    public const string Reason = "reason";

    /// <summary>Speech to text with timestamps.</summary>
    public const string Transcribe = "transcribe";

    /// <summary>General question answering, text and optionally images.</summary>
    public const string Chat = "chat";

    /// <summary>Native video input (the model watches the video itself).</summary>
    public const string VideoUnderstanding = "video-understanding";

    /// <summary>Text to video (later).</summary>
    public const string TextToVideo = "t2v";

    /// <summary>Image to video (later).</summary>
    public const string ImageToVideo = "i2v";
}
