namespace Cuboid.Server.Ui;

/// <summary>One file of the web UI, as embedded in the server: its bytes, content type and entity tag.</summary>
public sealed record UiAsset(string Path, byte[] Content, string ContentType, string ETag);
