using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Cuboid.Server.Ui;

/// <summary>
/// The web UI's files (<c>Ui/Assets/</c>), embedded in the server assembly so <c>cuboid serve</c> needs no folder on
/// disk: HTML, CSS and JavaScript modules, looked up by their path under <c>/ui/</c>.
/// </summary>
public sealed class UiAssets
{
    private const string ResourcePrefix = "ui/";

    private readonly Dictionary<string, UiAsset> _assets;

    private UiAssets(Dictionary<string, UiAsset> assets) => _assets = assets;

    public IReadOnlyCollection<string> Paths => _assets.Keys;

    public static UiAssets Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            path = path[ResourcePrefix.Length..];
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "text/javascript" or "image/svg+xml")
            {
                type += "; charset=utf-8";
            }

            assets[path] = new UiAsset(path, content, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
        }

        return new UiAssets(assets);
    }

    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);
}
