using Cuboid.Media;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Makes pictures with the image model (Microsoft.Extensions.AI <see cref="IImageGenerator"/>) from the anchors: the
/// boundary keyframes of the keyframes strategy, and regenerated start frames when chain re-anchors by regeneration.
/// Each picture is asked with every anchor as a reference, then fitted to the video's size and saved losslessly as a PNG.
/// </summary>
internal sealed class KeyframeMaker(IImageGenerator images, VideoSize size, MediaTools tools)
{
    private static readonly HttpClient Download = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task MakeAsync(string prompt, IReadOnlyList<string> anchors, string png, CancellationToken cancellationToken)
    {
        var references = anchors.Select(a => (AIContent)FrameImage.Load(a, CuboidParameters.Anchor)).ToList();
        var request = references.Count > 0 ? new ImageGenerationRequest(prompt, references) : new ImageGenerationRequest(prompt);
        // No size asked: image routes offer few sizes (1024², 1536x1024, ...), so the model's own is covered and cropped below.
        var options = new ImageGenerationOptions
        {
            MediaType = "image/png",
            ResponseFormat = ImageGenerationResponseFormat.Data,
            Count = 1,
        };
        var response = await images.GenerateAsync(request, options, cancellationToken).ConfigureAwait(false);
        var bytes = response.Contents.FirstOrDefault() switch
        {
            DataContent data => data.Data.ToArray(),
            UriContent uri => await Download.GetByteArrayAsync(uri.Uri, cancellationToken).ConfigureAwait(false),
            _ => throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, "the image model answered without an image"),
        };

        // Whatever format came back, the frame handed on is a PNG at the video's size (cover, centre-crop: never squashed).
        var raw = png + ".download";
        await File.WriteAllBytesAsync(raw, bytes, cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await MediaProcess.RunAsync(tools.FfmpegPath,
                ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", raw, "-frames:v", "1", "-vf",
                 $"scale={size.Width}:{size.Height}:force_original_aspect_ratio=increase,crop={size.Width}:{size.Height},setsar=1", "-pix_fmt", "rgb24", png + ".partial.png"],
                cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderBadAnswer, $"the image model's picture could not be read: {string.Join(" / ", run.StderrTail.TakeLast(2))}");
            }

            File.Move(png + ".partial.png", png, overwrite: true);
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
