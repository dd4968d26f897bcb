using System.Text;

namespace Cuboid.Understanding;

/// <summary>The reasoner's instructions. <see cref="Version"/> changes whenever the wording changes.</summary>
internal static class SynthesisPrompts
{
    public const string Version = "synthesis-v1";

    private const string Shape = """
        Answer with ONE JSON object and nothing else, in exactly this shape:
        {"summary": "3-6 sentences",
         "chapters": [{"start": "mm:ss", "end": "mm:ss", "title": "short title", "summary": "1-2 sentences"}],
         "key_moments": [{"time": "mm:ss", "description": "what happens"}],
         "topics": ["topic", "..."]}
        Times are taken from the [mm:ss] (or [h:mm:ss]) stamps of the timeline. Chapters are in order, do not overlap
        and together cover the video; 2-12 chapters for most videos.
        """;

    public static string System(double duration, string? focus)
    {
        var text = new StringBuilder();
        text.Append("You watch videos through a timeline: captions of frames sampled every few seconds and after scene cuts (\"frame:\"), ")
            .Append("transcript segments of what was said (\"speech:\")")
            .Append(", and notes already written about parts of a long video (\"notes:\"). ")
            .Append("Write what the whole video is about. Trust speech for what is said and frames for what is shown; do not invent details.\n")
            .Append("The video lasts ").Append(Timecode.Clock(duration)).Append(".\n");
        if (!string.IsNullOrWhiteSpace(focus))
        {
            text.Append("The user especially wants to know: ").Append(focus.Trim()).Append('\n');
        }

        return text.Append(Shape).ToString();
    }

    public static string Window(double start, double end) =>
        $"This is only the part of the video from {Timecode.Clock(start)} to {Timecode.Clock(end)}. Write the JSON for this part alone, keeping the timeline's timestamps; its summary will be combined with the other parts later.";

    public static string Repair(string error) =>
        $"That answer could not be used: {error}. Reply again with only the corrected JSON object in the shape described.";
}
