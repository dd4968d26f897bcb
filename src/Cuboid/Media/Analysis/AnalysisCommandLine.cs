using System.Globalization;
using Cuboid.Media.Sampling;

namespace Cuboid.Media.Analysis;

/// <summary>
/// The ffmpeg command of the analysis pass: one decode, split into the small analysis stream (raw planar RGB on stdout,
/// each frame's timestamp reported by <c>showinfo</c>) and, when exporting, a branch that JPEG-encodes at caption
/// resolution only the frames that can become samples: the interval frames (the same rule as
/// <see cref="IntervalSampler"/>) and frames whose cheap ffmpeg scene score suggests a possible cut.
/// </summary>
internal static class AnalysisCommandLine
{
    /// <summary>ffmpeg's scene score (0-1) above which a frame is kept as a possible first frame of a shot. Hard cuts
    /// score 0.2-0.6; the few false candidates this lets through cost one small JPEG each.</summary>
    public const double CutCandidateScene = 0.04;

    public static List<string> Build(
        string input,
        FrameSize analysis,
        int sourceLongSide,
        AnalysisOptions options,
        FrameSize? export,
        string? candidatePattern)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info" };
        if (options.Threads is { } threads)
        {
            args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        }

        // Deblocking skipped on frames nothing is predicted from: its errors cannot spread, the analysis frames find the
        // same cuts and caption JPEGs stay at 65 dB PSNR or more against a full decode; it saves a few per cent of an
        // H.264 decode. Skipping it on every frame saves about a tenth but changes the pictures, so only `scenes` does
        // (docs/PERFORMANCE.md).
        if (options.Deblocking != DeblockingSkip.None)
        {
            args.AddRange(["-skip_loop_filter", options.Deblocking == DeblockingSkip.All ? "all" : "noref"]);
        }

        // One filter thread: the frames the graph works on are tiny (or few, on the export branch), so slice threading
        // only adds hand-offs and competes with the decoder's threads (1-hour 720p talk: 46 s instead of 63 s).
        args.AddRange(["-filter_complex_threads", "1", "-i", input]);

        // A large source is scaled in one fast_bilinear step: the vertical filter still averages every source row, and
        // the horizontal pass, which runs over every row either way, makes 128 px instead of 256 px and skips the second
        // (area) step: 4.6 % fewer instructions for the whole 720p pass. On the busy reels, scores within shots and at
        // cuts stayed as they were (docs/PERFORMANCE.md). A small source is area-averaged in one step.
        var longSide = Math.Max(analysis.Width, analysis.Height);
        var flags = sourceLongSide > 4 * longSide ? "fast_bilinear" : "area";
        var analysisChain = $"scale={analysis.Width}:{analysis.Height}:flags={flags},setsar=1,format=gbrp,{ShowinfoLog.AnalysisFilter}=checksum=0";

        string graph;
        if (export is { } size && candidatePattern is not null)
        {
            var select = new List<string>();
            if (options.SampleInterval is { } interval)
            {
                select.Add(new IntervalSampler(interval).SelectExpression);
            }
            else
            {
                select.Add("isnan(prev_t)");
            }

            if (options.SampleAfterCuts)
            {
                select.Add($"gt(scene,{options.CutCandidateScene.ToString(CultureInfo.InvariantCulture)})");
            }

            var expression = string.Join('+', select).Replace(",", "\\,", StringComparison.Ordinal);
            graph = $"[0:V:0]split=2[cuboid_a][cuboid_b];[cuboid_a]{analysisChain}[cuboid_analysis];"
                + $"[cuboid_b]select={expression},{ShowinfoLog.ExportFilter}=checksum=0,"
                + $"scale={size.Width}:{size.Height}:flags=bicubic,setsar=1,format=yuvj420p[cuboid_export]";
        }
        else
        {
            graph = $"[0:V:0]{analysisChain}[cuboid_analysis]";
        }

        args.AddRange(["-filter_complex", graph, "-vsync", "passthrough"]);
        args.AddRange(["-map", "[cuboid_analysis]", "-f", "rawvideo", "-pix_fmt", "gbrp", "pipe:1"]);
        if (export is not null && candidatePattern is not null)
        {
            args.AddRange([
                "-map", "[cuboid_export]", "-c:v", "mjpeg", "-q:v", options.JpegQuality.ToString(CultureInfo.InvariantCulture),
                "-f", "image2", "-start_number", "0", "-atomic_writing", "1", candidatePattern,
            ]);
        }

        return args;
    }
}
