namespace Cuboid.Spacetime;

/// <summary>Whether a model family makes videos or single images (an image is a one-frame video).</summary>
public enum FamilyKind
{
    /// <summary>Makes videos (frames over time).</summary>
    Video,
    /// <summary>Makes single images.</summary>
    Image,
}
