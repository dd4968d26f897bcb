using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Reads the timestamped segments a transcription client put on its <see cref="SpeechToTextResponse"/>
/// (under <see cref="Key"/> in <see cref="SpeechToTextResponse.AdditionalProperties"/>).
/// </summary>
public static class TranscriptSegments
{
    /// <summary>The AdditionalProperties key holding the <c>IReadOnlyList&lt;TranscriptSegment&gt;</c>.</summary>
    public const string Key = "cuboid.segments";

    /// <summary>The AdditionalProperties key holding the audio duration as a <see cref="TimeSpan"/>, when the provider said.</summary>
    public const string DurationKey = "cuboid.duration";

    /// <summary>The segments, or one segment spanning the whole text when the provider gave none.</summary>
    public static IReadOnlyList<TranscriptSegment> GetSegments(this SpeechToTextResponse response)
    {
        if (response.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is IReadOnlyList<TranscriptSegment> segments)
            return segments;
        var text = response.Text;
        return text.Length == 0 ? [] : [new TranscriptSegment(0, response.StartTime ?? TimeSpan.Zero, response.EndTime ?? TimeSpan.Zero, text)];
    }

    /// <summary>The audio duration the provider reported, or the end of the last segment.</summary>
    public static TimeSpan? GetDuration(this SpeechToTextResponse response) =>
        response.AdditionalProperties?.TryGetValue(DurationKey, out var value) == true && value is TimeSpan duration ? duration : response.EndTime;
}
