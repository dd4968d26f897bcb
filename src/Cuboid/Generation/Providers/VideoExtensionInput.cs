namespace Cuboid.Generation.Providers;

/// <summary>How a protocol's hosts take the video to extend.</summary>
internal enum VideoExtensionInput
{
    /// <summary>Only a video the same host made, by its reference (Veo's file URI, the OpenAI Videos id).</summary>
    OwnVideo,

    /// <summary>Any video at a URL the host can fetch (fal's and Replicate's <c>video_url</c>).</summary>
    Url,
}
