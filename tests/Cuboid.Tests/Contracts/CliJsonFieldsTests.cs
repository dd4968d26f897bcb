using Cuboid.Cli;
using Cuboid.Testing.Video;
using Cuboid.Tests.Media.Scenes;

namespace Cuboid.Tests.Contracts;

/// <summary>Golden field lists: the <c>--json</c> of each command has every field it had when it was built from anonymous
/// objects in the CLI, plus <c>schemaVersion</c>, and nothing else.</summary>
[Collection(ShotReelCollection.Name)]
public class CliJsonFieldsTests(ShotReelFixture reels)
{
    private static readonly string[] Truncated = ["truncated", "warnings"];

    [Fact]
    public async Task Probe_keeps_its_fields()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());

        var fields = await FieldsAsync("probe", path, "--json");

        Assert.Equal(Expected(
            "path", "container", "durationSeconds", "startTimeSeconds", "sizeBytes", "bitRate", "hasVideo", "hasAudio",
            "video", "video.index", "video.codec", "video.width", "video.height", "video.displayWidth", "video.displayHeight",
            "video.sampleAspectRatio", "video.displayAspectRatio", "video.rotation", "video.averageFrameRate", "video.realFrameRate",
            "video.framesPerSecond", "video.variableFrameRate", "video.frameCount", "video.bitRate", "video.pixelFormat",
            "video.startTimeSeconds", "audio", "audio[].index", "audio[].codec", "audio[].sampleRate", "audio[].channels",
            "audio[].channelLayout", "audio[].bitRate"), fields);
    }

    [Fact]
    public async Task Scenes_keeps_its_fields()
    {
        var fields = await FieldsAsync("scenes", reels.Path720, "--json");

        Assert.Equal(Expected(
            [.. Truncated, "path", "detector", "threshold", "minSceneSeconds", "frameCount", "durationSeconds", "decodedSeconds", "cutCount",
            "boundaries", "boundaries[].time", "boundaries[].timecode", "boundaries[].frame", "boundaries[].kind", "boundaries[].score",
            "scenes", "scenes[].start", "scenes[].end", "scenes[].startFrame", "scenes[].endFrame"]), fields);
    }

    [Fact]
    public async Task Frames_keeps_its_fields()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());

        var fields = await FieldsAsync("frames", path, "--every", "1s", "--out", VideoBuilder.NewFolder(), "--json");

        Assert.Equal(Expected(
            [.. Truncated, "method", "frames", "frames[].timeSeconds", "frames[].requestedSeconds", "frames[].path", "frames[].width",
            "frames[].height"]), fields);
    }

    [Fact]
    public async Task Keyframes_keeps_its_fields()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe());

        var fields = await FieldsAsync("keyframes", path, "--out", VideoBuilder.NewFolder(), "--json");

        Assert.Equal(Expected([.. Truncated, "frames", "frames[].timeSeconds", "frames[].path", "frames[].width", "frames[].height"]), fields);
    }

    [Fact]
    public async Task Audio_keeps_its_fields()
    {
        var path = await VideoBuilder.BuildAsync(new VideoRecipe
        {
            Seconds = 4,
            Tones = [ToneSegment.Silence(1.0), new(1.5, 440), ToneSegment.Silence(1.5)],
        });

        var fields = await FieldsAsync("audio", path, "--out", Path.Combine(VideoBuilder.NewFolder(), "a.wav"), "--json");

        Assert.Equal(Expected(
            [.. Truncated, "hasAudio", "wav", "fromSeconds", "durationSeconds", "sampleRate", "activity", "activity[].start", "activity[].end",
            "silences", "silences[].start", "silences[].end"]), fields);
    }

    [Fact]
    public async Task Tokens_keeps_its_fields_and_leaves_out_what_does_not_apply()
    {
        string[] always =
        [
            "model", "width", "height", "frames", "encodedFrames", "latent", "latent.frames", "latent.height", "latent.width",
            "latent.channels", "patch", "patch.t", "patch.h", "patch.w", "grid", "grid.t", "grid.h", "grid.w", "videoTokens", "textTokens",
            "attention", "sequenceTokens",
        ];
        var path = await VideoBuilder.BuildAsync(new VideoRecipe { Rotation = 90 });

        var clip = await FieldsAsync("tokens", "--model", "wan2.1-t2v-14b", "--size", "1280x720", "--frames", "81", "--json");
        var video = await FieldsAsync("tokens", "--video", path, "--model", "wan2.1-t2v-14b", "--json");

        Assert.Equal(Expected([.. always, "fps", "seconds"]), clip);
        Assert.Equal(
            Expected([.. always, "fps", "seconds", "sampledFrames", "fit", "fittedFrom", "source", "source.path", "source.width", "source.height",
            "source.seconds", "source.fps"]), video);
    }

    private static SortedSet<string> Expected(params string[] fields) => new([.. fields, "schemaVersion"], StringComparer.Ordinal);

    private static async Task<SortedSet<string>> FieldsAsync(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        Assert.True(code == ExitCodes.Ok, stderr.ToString());
        return JsonFieldPaths.Of(stdout.ToString());
    }
}
