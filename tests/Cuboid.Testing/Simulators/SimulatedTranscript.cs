using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Cuboid.Testing.Simulators;

/// <summary>Transcripts as the simulator makes them up: segments spread over the audio, and their length from the WAV header.</summary>
public static class SimulatedTranscript
{
    /// <summary>
    /// A chat model's transcript in the shape Cuboid's transcription prompt and schema ask for:
    /// <c>{"segments":[{"start":0.5,"end":3.25,"text":"..."}]}</c>.
    /// </summary>
    public static string Json(IEnumerable<SimulatedSegment> segments) =>
        JsonSerializer.Serialize(new { segments = segments.Select(s => new { start = s.Start, end = s.End, text = s.Text }) });

    /// <summary>The text's sentences spread evenly over the audio, at least one segment.</summary>
    public static List<SimulatedSegment> SpreadOver(string text, double duration)
    {
        var sentences = text.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var step = duration / Math.Max(1, sentences.Length);
        return sentences.Select((s, i) => new SimulatedSegment(
            Math.Round(i * step, 3), Math.Round((i + 1) * step, 3),
            i < sentences.Length - 1 ? s + "." : s)).ToList();
    }

    /// <summary>Reads the duration from a RIFF/WAVE header; other bytes count as 16 kHz mono 16-bit.</summary>
    public static double WavSeconds(byte[] audio)
    {
        var span = audio.AsSpan();
        if (span.Length >= 12 && Encoding.ASCII.GetString(span[..4]) == "RIFF" && Encoding.ASCII.GetString(span[8..12]) == "WAVE")
        {
            var byteRate = 0;
            var offset = 12;
            while (offset + 8 <= span.Length)
            {
                var chunk = Encoding.ASCII.GetString(span.Slice(offset, 4));
                var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset + 4, 4));
                if (chunk == "fmt " && offset + 20 <= span.Length)
                    byteRate = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset + 16, 4));
                if (chunk == "data" && byteRate > 0)
                    return Math.Round(Math.Min(size, span.Length - offset - 8) / (double)byteRate, 3);
                offset += 8 + size + (size & 1);
            }
        }
        return Math.Round(audio.Length / 32000.0, 3);
    }
}
