using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>The audio of one transcription request, held in memory so a fallback request can send it again.</summary>
internal static class AudioUpload
{
    /// <summary>The upload's file name: <c>AdditionalProperties["filename"]</c>, else the file stream's name, else <c>audio.wav</c>.</summary>
    public static string FileName(Stream audio, SpeechToTextOptions? options) =>
        options?.AdditionalProperties?.TryGetValue("filename", out var name) == true && name is string given
            ? given
            : audio is FileStream file ? Path.GetFileName(file.Name) : "audio.wav";

    /// <summary>The rest of the stream as one array (uploads are at most 25 MB).</summary>
    public static async Task<byte[]> ReadAsync(Stream audio, CancellationToken cancellationToken)
    {
        if (audio.CanSeek)
        {
            // One exact-size copy: a growing MemoryStream plus ToArray held three times a 19 MB piece at its peak.
            var bytes = new byte[checked((int)(audio.Length - audio.Position))];
            await audio.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }

        using var buffer = new MemoryStream();
        await audio.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
