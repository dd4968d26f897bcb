using System.Globalization;
using System.Text.Json;
using Cuboid.Generation;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;

namespace Cuboid.Server.Videos;

/// <summary>
/// Reads a <c>POST /v1/videos</c> body, JSON or multipart (as OpenAI's SDKs send it): <c>prompt</c>, <c>model</c>
/// (a video catalog id or <c>auto</c>), <c>seconds</c>, <c>size</c> (<c>1280x720</c>), <c>input_reference</c> (an image
/// file, multipart only: image-to-video), and Cuboid's own <c>resolution</c>, <c>aspect_ratio</c>, <c>audio</c>,
/// <c>seed</c>, <c>policy</c>, <c>negative_prompt</c>.
/// </summary>
public static class VideoCreateRequest
{
    /// <summary>The generation request, and the <c>webhook_url</c> to notify when the job ends (unchecked).</summary>
    public static async Task<(GenerateRequest Request, string? WebhookUrl)> ReadAsync(HttpRequest request, string uploadFolder, CancellationToken cancellationToken)
    {
        Func<string, string?> field;
        string? firstFrame = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            field = name => form[name].ToString() is { Length: > 0 } value ? value : null;
            if (form.Files.GetFile("input_reference") is { Length: > 0 } image)
            {
                // Saved under a name of our own: an output path is never derived from user text.
                Directory.CreateDirectory(uploadFolder);
                firstFrame = Path.Combine(uploadFolder, $"{Guid.CreateVersion7():N}.img");
                await using var target = File.Create(firstFrame);
                await image.CopyToAsync(target, cancellationToken);
            }
        }
        else
        {
            var body = await RequestJson.ReadAsync(request, cancellationToken);
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw GatewayException.BadRequest("the body must be a JSON object");
            }

            field = name => body.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            } : null;
        }

        var prompt = field("prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw GatewayException.BadRequest("'prompt' is required: say what the video should show", "prompt");
        }

        var size = field("size") is { } text ? VideoSize.TryParse(text, out var parsed) ? parsed : throw GatewayException.BadRequest($"'size' must be WIDTHxHEIGHT, not '{text}'", "size") : (VideoSize?)null;
        var model = field("model") is { } m && m != "auto" ? m : null;
        return (new GenerateRequest
        {
            Prompt = prompt,
            Model = model,
            Seconds = Whole(field("seconds"), "seconds") ?? 8,
            Size = size,
            Resolution = field("resolution") ?? "720p",
            AspectRatio = field("aspect_ratio") ?? "16:9",
            Audio = field("audio") is "true",
            Seed = field("seed") is { } seed ? long.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw GatewayException.BadRequest("'seed' must be a whole number", "seed") : null,
            Policy = field("policy") is { } policy ? Enum.TryParse<RoutingPolicy>(policy, ignoreCase: true, out var p) && !int.TryParse(policy, out _) ? p : throw GatewayException.BadRequest("'policy' must be quality, cost, balanced or latency", "policy") : RoutingPolicy.Quality,
            NegativePrompt = field("negative_prompt"),
            FirstFramePath = firstFrame,
        }, field("webhook_url"));
    }

    private static int? Whole(string? text, string name) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw GatewayException.BadRequest($"'{name}' must be a positive whole number of seconds, not '{text}'", name);
}
