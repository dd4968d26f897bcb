using System.Security.Cryptography;
using System.Text;

namespace Cuboid.Understanding;

/// <summary>
/// What the captioner is asked for each frame. <see cref="Version"/> changes with the wording, and
/// <see cref="Key"/> (version plus the user's focus) is part of every cached caption's key.
/// </summary>
internal static class CaptionPrompt
{
    public const string Version = "caption-v1";

    public static string Text(double time, string? focus)
    {
        var text = new StringBuilder()
            .Append("This is one frame of a video, at ").Append(Timecode.Clock(time)).Append(". Describe what is visible in 2-4 sentences: ")
            .Append("the setting, people and what they do, objects, charts or diagrams. Transcribe any text on screen exactly, in quotes. ")
            .Append("No preamble, no guesses about what is not visible.");
        if (!string.IsNullOrWhiteSpace(focus))
        {
            text.Append(" Pay particular attention to: ").Append(focus.Trim());
        }

        return text.ToString();
    }

    public static string Key(string? focus) =>
        string.IsNullOrWhiteSpace(focus)
            ? Version
            : Version + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(focus.Trim())))[..16];
}
