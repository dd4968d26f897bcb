namespace Cuboid.Media;

/// <summary>
/// Checks an input path before any tool runs, and turns ffmpeg's complaints about a file into one clear
/// line. Every message names the file as the caller gave it.
/// </summary>
internal static class MediaInput
{
    /// <summary>Returns the full path of a readable, non-empty file, or throws an input error.</summary>
    public static string RequireFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Input, "no input file given");
        }

        if (Directory.Exists(path))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotAFile, CuboidParameters.Input, $"{path} is a directory, not a video file");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotFound, CuboidParameters.Input, $"{path}: no such file");
        }

        if (file.Length == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotAFile, CuboidParameters.Input, $"{path} is empty (0 bytes)");
        }

        try
        {
            using var stream = file.OpenRead();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputUnreadable, CuboidParameters.Input, $"{path} cannot be read: {ex.Message}", ex);
        }

        return file.FullName;
    }

    /// <summary>The one-line reason ffmpeg or ffprobe could not open <paramref name="path"/>.</summary>
    public static CuboidException Unreadable(string path, IReadOnlyList<string> stderr)
    {
        bool Says(string text) => stderr.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));

        // ffmpeg picks the mp4 reader by extension, so a text file named .mp4 also lacks a moov atom:
        // only a file that starts like an mp4 (an ftyp box) is a truncated one.
        if (Says("moov atom not found") && StartsLikeMp4(path))
        {
            return CuboidException.Input(CuboidErrorCodes.InputTruncated, CuboidParameters.Input, $"{path} is truncated or unfinished: its index (moov atom) is missing");
        }

        if (Says("moov atom not found") || Says("Invalid data found") || Says("could not find codec parameters") || Says("Unknown format"))
        {
            return CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{path} is not a video file ffmpeg can read");
        }

        if (Says("Permission denied"))
        {
            return CuboidException.Input(CuboidErrorCodes.InputUnreadable, CuboidParameters.Input, $"{path} cannot be read: permission denied");
        }

        var last = stderr.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "no details";
        return CuboidException.Input(CuboidErrorCodes.InputUnreadable, CuboidParameters.Input, $"{path} cannot be read by ffmpeg: {last}");
    }

    private static bool StartsLikeMp4(string path)
    {
        try
        {
            Span<byte> header = stackalloc byte[8];
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8
                && header[4..8].SequenceEqual("ftyp"u8);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
