using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace Cuboid.Spacetime;

/// <summary>
/// How a [T, H, W, C] tensor is cut into (pt, ph, pw) patches: the grid of tokens, each token's length,
/// and what the uneven-shape policy did. Patchify and unpatchify both work from one grid.
/// </summary>
public sealed record PatchGrid
{
    private PatchGrid(TensorShape input, PatchSize patch, UnevenShapePolicy policy, int gridT, int gridH, int gridW)
    {
        Input = input;
        Patch = patch;
        Policy = policy;
        GridT = gridT;
        GridH = gridH;
        GridW = gridW;
        TokenCount = gridT * gridH * gridW;
        TokenLength = patch.Volume * input.Channels;
        TokenElementCount = TokenCount * TokenLength;
        InputElementCount = input.ElementCount;
        RestoredElementCount = Restored.ElementCount;
    }

    /// <summary>The tensor shape being patched.</summary>
    public TensorShape Input { get; }

    /// <summary>The patch size.</summary>
    public PatchSize Patch { get; }

    /// <summary>What was done about dimensions that are not a multiple of the patch.</summary>
    public UnevenShapePolicy Policy { get; }

    /// <summary>Patches along time (frames ÷ pt).</summary>
    public int GridT { get; }

    /// <summary>Patches along height (rows ÷ ph).</summary>
    public int GridH { get; }

    /// <summary>Patches along width (columns ÷ pw).</summary>
    public int GridW { get; }

    /// <summary>Tokens produced: GridT · GridH · GridW.</summary>
    public int TokenCount { get; }

    /// <summary>Elements per token: pt · ph · pw · C.</summary>
    public int TokenLength { get; }

    /// <summary>Elements of the token buffer: TokenCount · TokenLength.</summary>
    public int TokenElementCount { get; }

    /// <summary>Elements of the input tensor.</summary>
    public int InputElementCount { get; }

    /// <summary>Elements of the tensor unpatchify writes (<see cref="Restored"/>).</summary>
    public int RestoredElementCount { get; }

    /// <summary>The region the tokens cover: padded beyond the input, or cropped inside it.</summary>
    public TensorShape Covered => new(GridT * Patch.T, GridH * Patch.H, GridW * Patch.W, Input.Channels);

    /// <summary>The shape unpatchify writes: the input itself, except that a crop stays cropped.</summary>
    public TensorShape Restored => Policy == UnevenShapePolicy.Crop ? Covered : Input;

    /// <summary>Plans the grid; a shape the patch does not divide needs an explicit policy.</summary>
    public static PatchGrid Create(TensorShape input, PatchSize patch, UnevenShapePolicy policy = UnevenShapePolicy.Reject)
    {
        input.Validate();
        patch.Validate();
        _ = input.ElementCount;
        var gridT = Cells(input.Frames, patch.T, "frames", input, patch, policy);
        var gridH = Cells(input.Height, patch.H, "height", input, patch, policy);
        var gridW = Cells(input.Width, patch.W, "width", input, patch, policy);
        var tokens = (long)gridT * gridH * gridW;
        try
        {
            var elements = checked(tokens * patch.T * patch.H * patch.W * input.Channels);
            if (elements > Array.MaxLength)
            {
                throw TensorShape.TooLarge(elements, $"of {tokens:N0} tokens");
            }
        }
        catch (OverflowException)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Patch, $"patching tensor {input} with patch {patch} would make more elements than can be counted; use a smaller patch");
        }

        return new PatchGrid(input, patch, policy, gridT, gridH, gridW);
    }

    /// <summary>The position of token <paramref name="index"/> (tokens run t-major, then h, then w).</summary>
    public TokenPosition PositionOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TokenCount);
        var perFrame = GridH * GridW;
        var t = index / perFrame;
        var rest = index - (t * perFrame);
        return new TokenPosition(t, rest / GridW, rest % GridW);
    }

    /// <summary>Writes every token's position into <paramref name="positions"/> (at least <see cref="TokenCount"/> long).</summary>
    public void WritePositions(Span<TokenPosition> positions)
    {
        if (positions.Length < TokenCount)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Positions, $"the position buffer holds {positions.Length} entries but the grid has {TokenCount} tokens");
        }

        // A pointer bump per token, not an indexed store: a Wan 720p latent has 75,600 tokens.
        ref var position = ref MemoryMarshal.GetReference(positions);
        for (var t = 0; t < GridT; t++)
        {
            for (var h = 0; h < GridH; h++)
            {
                for (var w = 0; w < GridW; w++)
                {
                    position = new TokenPosition(t, h, w);
                    position = ref Unsafe.Add(ref position, 1);
                }
            }
        }
    }

    private static int Cells(int size, int patch, string dimension, TensorShape input, PatchSize p, UnevenShapePolicy policy)
    {
        if (size % patch == 0)
        {
            return size / patch;
        }

        return policy switch
        {
            UnevenShapePolicy.PadReplicate => (size / patch) + 1,
            UnevenShapePolicy.Crop when size >= patch => size / patch,
            UnevenShapePolicy.Crop => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fit, 
                $"cropping tensor {input} to patch {p} leaves nothing: {dimension} {size} is smaller than the patch side {patch}; pad instead"),
            _ => throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Fit, 
                $"tensor {input} does not divide into patches {p}: {dimension} {size} is not a multiple of {patch}; choose a policy (pad by replication or crop)"),
        };
    }
}
