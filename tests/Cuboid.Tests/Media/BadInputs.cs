using Cuboid.Testing.Video;

namespace Cuboid.Tests.Media;

/// <summary>Each bad input the media engine must reject with one clear line, by name, and what the line must say.</summary>
public static class BadInputs
{
    public static TheoryData<string> Names => ["missing", "directory", "empty", "text", "truncated", "zero-duration"];

    /// <summary>Makes the bad input called <paramref name="name"/> and returns its path.</summary>
    public static string Make(string name) => name switch
    {
        "missing" => Path.Combine(VideoBuilder.NewFolder(), "no such video.mp4"),
        "directory" => VideoBuilder.NewFolder(),
        "empty" => VideoBuilder.EmptyFile(),
        "text" => VideoBuilder.TextFile(),
        "truncated" => VideoBuilder.Build(new VideoRecipe { Seconds = 3, Defect = VideoDefect.TruncatedBeforeIndex }),
        "zero-duration" => VideoBuilder.Build(new VideoRecipe { Defect = VideoDefect.ZeroDuration }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>A phrase the one-line message must contain.</summary>
    public static string Phrase(string name) => name switch
    {
        "missing" => "no such file",
        "directory" => "is a directory",
        "empty" => "is empty",
        "text" => "not a video file",
        "truncated" => "truncated",
        "zero-duration" => "zero duration",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Tools that do not exist, to test the "ffmpeg is missing" message.</summary>
    public static Cuboid.Media.MediaTools MissingTools { get; } =
        new("/nonexistent/cuboid/ffmpeg", "/nonexistent/cuboid/ffprobe");
}
