namespace Cuboid.Tests.Media.Scenes;

/// <summary>Tests that share the built shot reels.</summary>
[CollectionDefinition(Name)]
public sealed class ShotReelCollection : ICollectionFixture<ShotReelFixture>
{
    public const string Name = "Shot reels";
}
