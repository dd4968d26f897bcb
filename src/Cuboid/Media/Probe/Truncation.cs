using System.Globalization;

namespace Cuboid.Media.Probe;

/// <summary>
/// A file that ends before its header says it does (a download or copy that stopped early): its header still
/// promises <see cref="ExpectedLength"/>, but only the first <see cref="DecodableLength"/> can be decoded.
/// Times count from the start of the file.
/// </summary>
public sealed record Truncation(TimeSpan DecodableLength, TimeSpan ExpectedLength)
{
    /// <summary>The one warning every command prints for a truncated file.</summary>
    public string Warning(string path) =>
        $"{Path.GetFileName(path)} is truncated: only its first {Seconds(DecodableLength)} s of {Seconds(ExpectedLength)} s can be decoded, so the results cover 0-{Seconds(DecodableLength)} s only";

    /// <summary>The input error for a time the file's header promises but its data does not hold.</summary>
    public CuboidException BeyondEnd(string path, TimeSpan requested) => CuboidException.Input(CuboidErrorCodes.InputTruncated, 
        $"{Seconds(requested)} s is beyond the end of what can be decoded: {Path.GetFileName(path)} is truncated and only its first {Seconds(DecodableLength)} s of {Seconds(ExpectedLength)} s can be decoded");

    internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
