namespace Cuboid.Cli.Commands;

/// <summary>
/// Reads <c>--server</c>: System.CommandLine 2.0 has no parser for <see cref="Uri"/> options, so the commands take text
/// and turn it into the gateway's address here.
/// </summary>
internal static class GatewayUrl
{
    /// <summary>The gateway <paramref name="text"/> names, or null when it is null; anything but an absolute http(s) URL is a usage error.</summary>
    public static Uri? From(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw CuboidException.Usage($"--server '{text}' is not an http:// or https:// URL");
}
