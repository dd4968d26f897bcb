using System.Diagnostics;
using Cuboid.Generation.LongForm;
using Cuboid.Media.Analysis;

namespace Cuboid.Benchmarks.Generation;

/// <summary>
/// CPU time per frame of each piece of the drift meter's work, and of the whole meter at a stride of 1 and of
/// <see cref="DriftMeter.DefaultStride"/>, on real frames: the first 100 frames of FILE at the drift's 192 px, decoded
/// once by ffmpeg into memory and then looped. Each piece is timed in interleaved rounds; medians. Process CPU time
/// (not wall), so a busy machine inflates the figures less. Run:
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- drift-frame-costs FILE [rounds]</c>.
/// </summary>
internal static class DriftFrameCostRun
{
    private const int Width = 192;
    private const int Height = 108;
    private const int FramesPerTiming = 2000;

    public static void Run(string file, int rounds)
    {
        var frames = Decode(file);
        var frame = new AnalysisFrame(Width, Height);
        long index = 0;
        void Next()
        {
            frame.Load(frames[(int)(index % frames.Count)], index, index / 25.0);
            index++;
        }

        for (var i = 0; i < 40; i++)
        {
            Next();
        }

        var thumbnail = new LumaThumbnail(Width, Height);
        var other = new LumaThumbnail(Width, Height);
        other.Fill(frame.Planes.LumaPlane, Width);
        var histogram = new HueSaturationHistogram();
        var strided = new DriftMeter([1e9], anchor: null, [DriftMeter.DefaultStride, DriftMeter.DefaultStride]);
        var every = new DriftMeter([1e9], anchor: null);
        var pieces = new (string Name, Action Work)[]
        {
            ("frame load: the pass's planes and stats (not the meter's)", Next),
            ("FrameLook: all of it", () => FrameLookMeter.Measure(frame)),
            ("  mean Lab (every 3rd pixel)", () => FrameLookMeter.MeanLab(frame.Red, frame.Green, frame.Blue)),
            ("  Laplacian variance", () => FrameLookMeter.LaplacianVariance(frame.Planes.LumaPlane, Width, Height)),
            ("hue-saturation histogram", () => { histogram.Clear(); histogram.AddPixels(frame.Planes.HuePlane, frame.Planes.SaturationPlane); }),
            ("luma thumbnail fill", () => thumbnail.Fill(frame.Planes.LumaPlane, Width)),
            ("one SSIM (x7 a measured frame)", () => thumbnail.Ssim(other)),
            ("luma sum (unmeasured frames)", () => PlaneMath.Sum(frame.Planes.LumaPlane)),
            ("meter, stride 1, incl. frame load", () => { Next(); every.OnFrame(frame); }),
            ($"meter, stride {DriftMeter.DefaultStride}, incl. frame load", () => { Next(); strided.OnFrame(frame); }),
        };

        var times = pieces.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 1; round++)
        {
            for (var p = 0; p < pieces.Length; p++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < FramesPerTiming; i++)
                {
                    pieces[p].Work();
                }

                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / FramesPerTiming;
                if (round > 0)
                {
                    times[p].Add(used);
                }
            }
        }

        Console.WriteLine($"CPU µs per 192x108 frame, median of {rounds} rounds of {FramesPerTiming} ({Path.GetFileName(file)}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
        for (var p = 0; p < pieces.Length; p++)
        {
            var sorted = times[p].Order().ToArray();
            Console.WriteLine($"  {pieces[p].Name,-58} {sorted[sorted.Length / 2],8:0.0}");
        }
    }

    private static List<byte[]> Decode(string file)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", "error", "-nostdin", "-i", file, "-frames:v", "100", "-vf", $"scale={Width}:{Height}:flags=area,format=gbrp", "-f", "rawvideo", "pipe:1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var ffmpeg = Process.Start(start)!;
        var frames = new List<byte[]>();
        var size = Width * Height * 3;
        while (true)
        {
            var buffer = new byte[size];
            if (ffmpeg.StandardOutput.BaseStream.ReadAtLeast(buffer, size, throwOnEndOfStream: false) < size)
            {
                break;
            }

            frames.Add(buffer);
        }

        ffmpeg.WaitForExit();
        return frames.Count > 0 ? frames : throw new InvalidOperationException($"ffmpeg decoded no frames of {file}");
    }
}
