using System.Runtime.CompilerServices;
using Cuboid.Media;
using Cuboid.Testing.Video;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Understanding;

/// <summary>The media engine behind the analysis, on the bundled demo talk (real ffmpeg).</summary>
public sealed class MediaEngineSourceTests
{
    [Fact]
    public async Task A_plan_of_the_demo_finds_its_shots_exports_nothing_and_reports_clean_times()
    {
        var outcome = new PassOutcome();
        var frames = new List<PlannedFrame>();

        await foreach (var frame in MediaEngineSource.Instance.SampleAsync(SampleFiles.DemoVideo, new SamplingSettings(5, DetectScenes: true), null, outcome, null, CancellationToken.None))
        {
            frames.Add(frame);
        }

        // samples/demo.segments.json: hard cuts at these seconds, then a fade whose first frame after black is at 77.04 s.
        double[] shots = [0, 6, 17, 23, 33, 39, 52, 58, 65];
        var starts = outcome.Scenes.Select(s => s.Start).ToList();
        Assert.Equal(shots.Length + 1, starts.Count);
        Assert.All(shots.Zip(starts), p => Assert.InRange(p.Second, p.First - 0.04, p.First + 0.04));
        Assert.Equal("fade", outcome.Scenes[^1].StartKind);
        Assert.InRange(outcome.Scenes[^1].Start, 76.0, 78.0);
        Assert.All(outcome.Scenes, s => Assert.Equal((Math.Round(s.Start, 6), Math.Round(s.End, 6)), (s.Start, s.End)));
        Assert.All(frames, f => Assert.Equal(string.Empty, f.FramePath));
        Assert.Contains(frames, f => f.Reason == SampleReasons.Cut);
    }

    [Fact]
    public async Task One_analysis_probes_its_file_once_and_decodes_its_audio_once_however_many_pieces_it_sends()
    {
        // 10 s with sound, sent in 3-second pieces: before, each piece was decoded again from the video (and each
        // extraction probed the file again): 5 ffprobe and 5 ffmpeg runs where one of each is enough.
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 10, Tones = [new(10, 440)] });
        var folder = Directory.CreateTempSubdirectory("cuboid-engine-").FullName;
        try
        {
            var tools = new CountedTools(folder);
            var engine = new MediaEngineSource { Tools = tools.Tools };
            var transcriber = new PieceRecorder();

            var facts = await engine.ProbeAsync(video, CancellationToken.None);
            await foreach (var unused in engine.SampleAsync(video, new SamplingSettings(5), null, new PassOutcome(), null, CancellationToken.None))
            {
            }

            var passRuns = tools.FfmpegRuns;
            var stage = new TranscribeStage(engine, transcriber, cache: null, ["openai:whisper-1"], null, TimeProvider.System) { MaxPieceSeconds = 3 };
            var result = await stage.RunAsync(video, facts.DurationSeconds, folder, CancellationToken.None);

            Assert.Equal(1, tools.FfprobeRuns);
            Assert.Equal(1, tools.FfmpegRuns - passRuns);
            Assert.True(result.Pieces > 1, $"{result.Pieces} piece(s)");
            Assert.Equal(result.Pieces, transcriber.Pieces.Count);
            // The pieces are the track's samples up to the video's length, cut end to end with nothing lost or repeated.
            var whole = await AudioOf(video, folder);
            var joined = transcriber.Pieces.SelectMany(p => p[44..]).ToArray();
            Assert.Equal((long)Math.Round(facts.DurationSeconds * 16000) * 2, joined.Length);
            Assert.Equal(whole[..joined.Length], joined);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<byte[]> AudioOf(string video, string folder)
    {
        var wav = Path.Combine(folder, "reference.wav");
        await Cuboid.Media.Audio.AudioExtractor.ExtractAsync(video, wav);
        return (await File.ReadAllBytesAsync(wav))[44..];
    }

    /// <summary>ffmpeg and ffprobe behind scripts that count their runs.</summary>
    private sealed class CountedTools
    {
        private readonly string _ffmpegLog, _ffprobeLog;

        public CountedTools(string folder)
        {
            _ffmpegLog = Path.Combine(folder, "ffmpeg.runs");
            _ffprobeLog = Path.Combine(folder, "ffprobe.runs");
            Tools = new MediaTools(Script(folder, "ffmpeg", _ffmpegLog, MediaTools.Default.FfmpegPath), Script(folder, "ffprobe", _ffprobeLog, MediaTools.Default.FfprobePath));
        }

        public MediaTools Tools { get; }

        public int FfmpegRuns => Runs(_ffmpegLog);

        public int FfprobeRuns => Runs(_ffprobeLog);

        private static int Runs(string log) => File.Exists(log) ? File.ReadAllLines(log).Length : 0;

        private static string Script(string folder, string name, string log, string tool)
        {
            var path = Path.Combine(folder, name + ".sh");
            File.WriteAllText(path, $"#!/bin/sh\necho run >> '{log}'\nexec {tool} \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return path;
        }
    }

    /// <summary>Keeps each piece's WAV bytes and answers with one segment.</summary>
    private sealed class PieceRecorder : ISpeechToTextClient
    {
        public List<byte[]> Pieces { get; } = [];

        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await audioSpeechStream.CopyToAsync(copy, cancellationToken);
            Pieces.Add(copy.ToArray());
            yield return new SpeechToTextResponseUpdate("tone")
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdated, StartTime = TimeSpan.Zero, EndTime = TimeSpan.FromSeconds(1),
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
