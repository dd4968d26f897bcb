using System.Globalization;
using Cuboid.Generation.Catalog;
using Cuboid.Media;
using Cuboid.Media.Probe;
using Cuboid.Storage;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// Checks a downloaded output with the media engine: SHA-256, then ffprobe for width, height, duration, frame rate and
/// audio, compared with the request. A mismatch is a warning on the job, and the cost is computed from what was
/// delivered (its seconds, at the SKU of its resolution and audio), never from what was asked.
/// </summary>
internal sealed class VideoOutputInspector(MediaTools tools, double durationTolerance = 0.5)
{
    public async Task<VideoJobOutput> InspectAsync(int index, string path, CancellationToken cancellationToken = default)
    {
        var hash = await ContentHash.OfFileAsync(path, cancellationToken).ConfigureAwait(false);
        VideoInfo info;
        try
        {
            info = await VideoProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        }
        catch (CuboidException ex) when (ex.Kind == ErrorKind.Input)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"the host's output {Path.GetFileName(path)} is not a playable video ({ex.Message})", ex);
        }

        var video = info.Video ?? throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"the host's output {Path.GetFileName(path)} has no video stream");
        return new VideoJobOutput
        {
            Index = index,
            Path = path,
            Sha256 = hash,
            Bytes = new FileInfo(path).Length,
            Width = video.DisplayWidth,
            Height = video.DisplayHeight,
            Seconds = Math.Round(info.Duration.TotalSeconds, 3),
            FramesPerSecond = Math.Round(video.FramesPerSecond, 3),
            HasAudio = info.HasAudio,
        };
    }

    public VideoOutputCheck Compare(VideoJobRequest request, IReadOnlyList<VideoPrice> prices, IReadOnlyList<VideoJobOutput> outputs)
    {
        var warnings = new List<string>();
        decimal? cost = prices.Count == 0 ? null : 0m;
        foreach (var output in outputs)
        {
            var label = outputs.Count == 1 ? "output" : string.Create(CultureInfo.InvariantCulture, $"output {output.Index}");
            if (request.Size.Width > 0 && (output.Width != request.Size.Width || output.Height != request.Size.Height))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{label} is {output.Width}x{output.Height}, {request.Size} was asked; billed as delivered"));
            }

            if (request.Seconds > 0 && Math.Abs(output.Seconds - request.Seconds) > durationTolerance)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{label} lasts {output.Seconds:0.###} s, {request.Seconds} s was asked; billed as delivered"));
            }

            if (request.FramesPerSecond is { } fps && Math.Abs(output.FramesPerSecond - fps) > 0.5)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{label} runs at {output.FramesPerSecond:0.###} fps, {fps} fps was asked"));
            }

            if (request.Audio && !output.HasAudio)
            {
                warnings.Add($"{label} has no audio, audio was asked; billed as silent");
            }

            if (cost is not null)
            {
                var priced = VideoPricing.Cost(prices, Math.Min(output.Width, output.Height), output.HasAudio, output.Seconds);
                if (priced is null)
                {
                    warnings.Add($"{label}: the route has no price for what was delivered");
                }

                cost += priced ?? 0;
            }
        }

        if (cost is null && outputs.Count > 0)
        {
            warnings.Add("the route has no price in the catalog; the cost is unknown");
        }

        return new VideoOutputCheck(warnings, cost);
    }
}
