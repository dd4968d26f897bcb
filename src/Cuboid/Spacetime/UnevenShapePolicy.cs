namespace Cuboid.Spacetime;

/// <summary>What to do when a tensor's frames, rows or columns are not a multiple of the patch. Never silent.</summary>
public enum UnevenShapePolicy
{
    /// <summary>Refuse with an error that names the dimension and the two policies below.</summary>
    Reject,

    /// <summary>Pad at the end by repeating the last frame, row or column until the patch divides.</summary>
    PadReplicate,

    /// <summary>Drop the trailing frames, rows or columns that do not fill a whole patch.</summary>
    Crop,
}
