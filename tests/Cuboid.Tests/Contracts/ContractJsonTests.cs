using System.Text.Json;
using Cuboid.Contracts;
using Cuboid.Media.Analysis;
using Cuboid.Media.Audio;
using Cuboid.Media.Frames;
using Cuboid.Media.Probe;
using Cuboid.Media.Scenes;
using Cuboid.Spacetime;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Contracts;

/// <summary>Each contract document survives a trip through its JSON unchanged and says which schema it follows.</summary>
public class ContractJsonTests
{
    [Fact]
    public async Task Probe_document_round_trips()
    {
        var info = await VideoProbe.ProbeAsync(await VideoBuilder.BuildAsync(new VideoRecipe { SampleAspect = "4:3" }));

        var back = AssertRoundTrips(ProbeDocument.From(info));

        Assert.Equal("4/3", back.Video!.SampleAspectRatio);
        Assert.Equal(info.AudioStreams[0].SampleRate, Assert.Single(back.Audio).SampleRate);
    }

    [Fact]
    public void Scenes_document_round_trips()
    {
        var result = new AnalysisResult(
            "clip's+1.mp4", 160, 90, 150, 0, 5.96, 6.0, [],
            [new SceneBoundary(2.0, 50, 40.5, SceneBoundaryKind.Cut), new SceneBoundary(3.9, 97, 3, SceneBoundaryKind.FadeOut)],
            [], new AnalysisSummary(100, 1, 2, 0.1f, 0), 0, 0, 0, null, TimeSpan.Zero)
        {
            Truncation = new Truncation(TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(6)),
        };

        var back = AssertRoundTrips(ScenesDocument.From(result, new SceneDetectionOptions()));

        Assert.Equal(5.5, back.Truncated!.DecodableSeconds);
        Assert.Equal(["start 0 → 2", "2 → 5.5"], back.Scenes.Select(s => s.StartFrame == 0 ? $"start {s.Start} → {s.End}" : $"{s.Start} → {s.End}"));
        Assert.Equal("00:00:02.000", back.Boundaries[0].Timecode);
    }

    [Fact]
    public void Frames_and_keyframes_documents_round_trip()
    {
        ExportedFrame[] frames = [new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.04), "/tmp/out/frame-1.jpg", 320, 180)];

        var exported = AssertRoundTrips(FramesDocument.From(new FrameExportResult(frames, FrameExportMethod.SeekPerFrame, ["a warning"])));
        var keyframes = AssertRoundTrips(KeyframesDocument.From(new KeyframePreviewResult(frames, [])));

        Assert.Equal("seek-per-frame", exported.Method);
        Assert.Equal(1.04, Assert.Single(keyframes.Frames).TimeSeconds);
    }

    [Fact]
    public void Audio_document_round_trips()
    {
        var extraction = new AudioExtraction(
            true, "/tmp/a.wav", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 16000,
            [new AudioInterval(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3))], [], []);

        var back = AssertRoundTrips(AudioDocument.From(extraction));

        Assert.Equal(new TimeRangeEntry(2.5, 3), Assert.Single(back.Activity));
    }

    [Fact]
    public void Tokens_document_round_trips_and_leaves_out_what_does_not_apply()
    {
        var family = ModelFamilyCatalog.Load(null).Find("wan2.1-t2v-14b");
        var report = TokenCounter.Report(family, new ClipRequest { Size = PixelSize.Parse("1280x720"), Frames = 81 });

        var document = TokensDocument.From(report);
        var back = AssertRoundTrips(document);

        Assert.Equal("cross", back.Attention);
        using var json = JsonDocument.Parse(ContractJson.Serialize(document));
        Assert.False(json.RootElement.TryGetProperty("fit", out _));
        Assert.False(json.RootElement.TryGetProperty("source", out _));
    }

    // Serialised, read back and serialised again: the same text, and the version first.
    private static TDocument AssertRoundTrips<TDocument>(TDocument document)
        where TDocument : IContractDocument
    {
        var json = ContractJson.Serialize(document);
        var back = ContractJson.Deserialize<TDocument>(json);

        Assert.NotNull(back);
        Assert.Equal(json, ContractJson.Serialize(back));
        Assert.Equal(1, back.SchemaVersion);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        return back;
    }
}
