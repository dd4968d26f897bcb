namespace Cuboid.Spacetime;

/// <summary>The shape of a contiguous video tensor laid out as [T, H, W, C] (frames, rows, columns, channels).</summary>
public readonly record struct TensorShape(int Frames, int Height, int Width, int Channels)
{
    /// <summary>An image is a one-frame video.</summary>
    public static TensorShape Image(int height, int width, int channels) => new(1, height, width, channels);

    /// <summary>Elements in the tensor; throws a usage error when a dimension is not positive or the count exceeds one span.</summary>
    public int ElementCount
    {
        get
        {
            Validate();
            var elements = (long)Frames * Height * Width * Channels;
            return elements > Array.MaxLength ? throw TooLarge(elements, ToString()) : (int)elements;
        }
    }

    /// <summary>Throws a usage error when a dimension is not positive.</summary>
    public void Validate()
    {
        if (Frames <= 0 || Height <= 0 || Width <= 0 || Channels <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Shape, $"tensor shape {this} has a zero or negative dimension; every dimension must be at least 1");
        }
    }

    /// <summary>The shape as <c>[T, H, W, C]</c>.</summary>
    public override string ToString() => $"[{Frames}, {Height}, {Width}, {Channels}]";

    // The message is only built when the check fails, so a hot path that checks sizes allocates nothing.
    internal static CuboidException TooLarge(long elements, string what) =>
        CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Shape, $"tensor {what} has {elements:N0} elements, more than one buffer can hold ({Array.MaxLength:N0}); split it into shorter clips");
}
