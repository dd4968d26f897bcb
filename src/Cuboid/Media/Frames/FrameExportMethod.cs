namespace Cuboid.Media.Frames;

/// <summary>How frames were pulled out of the video.</summary>
public enum FrameExportMethod
{
    /// <summary>One ffmpeg run per frame with input seeking: decodes only from the keyframe before each target.</summary>
    SeekPerFrame,

    /// <summary>One decode of the whole file with a <c>select</c> filter that keeps the wanted frames.</summary>
    SinglePass,
}
