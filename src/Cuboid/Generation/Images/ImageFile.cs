using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Images;

/// <summary>Writes a generated image atomically (a hidden temporary file beside the target, then a move), so a failed run leaves no half-written picture.</summary>
internal static class ImageFile
{
    /// <summary>Saves <paramref name="image"/> at <paramref name="path"/>, creating its folder; returns the full path.</summary>
    public static string Save(DataContent image, string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(temp, image.Data.Span);
            File.Move(temp, full, overwrite: true);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw CuboidException.Input(CuboidErrorCodes.OutputUnwritable, CuboidParameters.OutputPath, $"cannot write the image to {path}: {ex.Message}", ex);
        }
    }

    /// <summary>The path of image <paramref name="index"/> of <paramref name="count"/>: the path itself for one image, else <c>name-2.png</c> for the second and so on.</summary>
    public static string PathFor(string path, int index, int count) =>
        count == 1 || index == 0 ? path : Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{index + 1}{Path.GetExtension(path)}");
}
