namespace Cuboid.Server.Keys;

/// <summary>A key just created: the record and its secret, which is shown this once and never stored.</summary>
public sealed record IssuedKey(VirtualKey Key, string Secret);
