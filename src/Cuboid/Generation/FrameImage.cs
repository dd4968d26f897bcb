using Microsoft.Extensions.AI;

namespace Cuboid.Generation;

/// <summary>Reads a first or last frame file, refusing anything that is not a PNG, JPEG or WebP image (by its bytes, not its name).</summary>
internal static class FrameImage
{
    public static DataContent Load(string path, CuboidParameter option)
    {
        if (!File.Exists(path))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotFound, option, $"{option} {path}: no such file");
        }

        var bytes = File.ReadAllBytes(path);
        var mediaType = bytes switch
        {
            [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
            _ => null,
        };
        return mediaType is null
            ? throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, option, $"{option} {path} is not an image (PNG, JPEG or WebP)")
            : new DataContent(bytes, mediaType);
    }
}
