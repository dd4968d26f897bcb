namespace Cuboid.Testing.Generation;

/// <summary>
/// One scripted behaviour for one image request, queued per host model with <see cref="ImageHostSimulator.Script"/>: a
/// 429 with Retry-After, a 5xx, or a content-policy refusal in the host's real shape (OpenAI: 400 <c>moderation_blocked</c>;
/// fal: the image flagged in <c>has_nsfw_concepts</c> and blacked out).
/// </summary>
public sealed record ImageFault(ImageFaultKind Kind, int StatusCode = 200, TimeSpan? RetryAfter = null)
{
    public static ImageFault Ok { get; } = new(ImageFaultKind.None);

    public static ImageFault RateLimited(TimeSpan? retryAfter = null) => new(ImageFaultKind.RateLimited, 429, retryAfter ?? TimeSpan.FromSeconds(1));

    public static ImageFault ServerError(int statusCode = 500) => new(ImageFaultKind.ServerError, statusCode);

    public static ImageFault ContentPolicy { get; } = new(ImageFaultKind.ContentPolicy, 400);
}
