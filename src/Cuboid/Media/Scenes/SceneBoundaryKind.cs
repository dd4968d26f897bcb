namespace Cuboid.Media.Scenes;

/// <summary>What a <see cref="SceneBoundary"/> marks.</summary>
public enum SceneBoundaryKind
{
    /// <summary>A new shot starts here: a hard cut, or the midpoint of a fade through black.</summary>
    Cut,

    /// <summary>The first frame darker than the fade threshold after a bright one.</summary>
    FadeOut,

    /// <summary>The first frame brighter than the fade threshold after a dark one.</summary>
    FadeIn,
}
