namespace Cuboid.Generation.LongForm;

/// <summary>What chain and extend do with the next start frame when a drift gate trips on a segment.</summary>
public enum ReAnchorMode
{
    /// <summary>Keep chaining from the drifted last frame.</summary>
    Off,

    /// <summary>Match the last frame's colour and exposure to the anchor (Reinhard transfer in Lab).</summary>
    Match,

    /// <summary>Regenerate the start frame with the image model from the anchors and the next shot's prompt.</summary>
    Regenerate,
}
