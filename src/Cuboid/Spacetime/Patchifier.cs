using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cuboid.Spacetime;

/// <summary>
/// Cuts a contiguous [T, H, W, C] tensor into space-time patch tokens [N, pt·ph·pw·C] and puts them back.
/// Works on raw bytes underneath: each row segment of a patch (pw·C elements) is one block copy, so the
/// cost is a strided memory copy, not a per-element loop. No allocation beyond the outputs.
/// </summary>
public static class Patchifier
{
    /// <summary>Patchifies into caller-provided buffers (tokens at least <see cref="PatchGrid.TokenElementCount"/> long,
    /// positions at least <see cref="PatchGrid.TokenCount"/> long, or empty to skip positions).</summary>
    public static void Patchify<T>(ReadOnlySpan<T> input, PatchGrid grid, Span<T> tokens, Span<TokenPosition> positions)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(grid);
        RequireLength(input.Length, grid.InputElementCount, "input", exact: true);
        RequireLength(tokens.Length, grid.TokenElementCount, "token", exact: false);
        if (!positions.IsEmpty)
        {
            grid.WritePositions(positions);
        }

        var size = Unsafe.SizeOf<T>();
        ref var src = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(input));
        ref var dst = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(tokens));
        GatherTokens(ref src, ref dst, grid, size);
    }

    /// <summary>Patchifies into new, exactly sized arrays.</summary>
    public static PatchedTensor<T> Patchify<T>(ReadOnlySpan<T> input, TensorShape shape, PatchSize patch, UnevenShapePolicy policy = UnevenShapePolicy.Reject)
        where T : unmanaged
    {
        var grid = PatchGrid.Create(shape, patch, policy);
        RequireLength(input.Length, grid.InputElementCount, "input", exact: true);
        var tokens = new T[grid.TokenElementCount];
        var positions = new TokenPosition[grid.TokenCount];
        Patchify(input, grid, tokens, positions);
        return new PatchedTensor<T>(grid, tokens, positions);
    }

    /// <summary>Writes the tokens back as a [T, H, W, C] tensor of shape <see cref="PatchGrid.Restored"/>;
    /// padding is dropped, so a padded patchify restores the input exactly.</summary>
    public static void Unpatchify<T>(ReadOnlySpan<T> tokens, PatchGrid grid, Span<T> output)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(grid);
        RequireLength(tokens.Length, grid.TokenElementCount, "token", exact: true);
        RequireLength(output.Length, grid.RestoredElementCount, "output", exact: false);
        var size = Unsafe.SizeOf<T>();
        ref var src = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(tokens));
        ref var dst = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(output));
        ScatterTokens(ref src, ref dst, grid, size);
    }

    /// <summary>Unpatchifies into a new, exactly sized array.</summary>
    public static T[] Unpatchify<T>(ReadOnlySpan<T> tokens, PatchGrid grid)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(grid);
        var output = new T[grid.RestoredElementCount];
        Unpatchify(tokens, grid, output);
        return output;
    }

    // Both directions walk the grid one token row (it, ih) at a time: the pt·ph source rows it covers are read or
    // written front to back, and its GridW tokens form one contiguous block of the token buffer. Both sides then
    // stream through memory instead of jumping a frame or a row per run.
    private static void GatherTokens(ref byte src, ref byte dst, PatchGrid grid, int elementSize)
    {
        var shape = grid.Input;
        var patch = grid.Patch;
        var (pixel, run, row, frame, token, fullColumns, tailPixels) = ByteStrides.Of(shape, grid, elementSize);
        for (var it = 0; it < grid.GridT; it++)
        {
            for (var ih = 0; ih < grid.GridH; ih++)
            {
                var block = (((nint)it * grid.GridH) + ih) * grid.GridW * token;
                for (var dt = 0; dt < patch.T; dt++)
                {
                    // Clamping to the last frame/row is the replicate padding; it is a no-op otherwise.
                    var t = Math.Min((it * patch.T) + dt, shape.Frames - 1);
                    for (var dh = 0; dh < patch.H; dh++)
                    {
                        var h = Math.Min((ih * patch.H) + dh, shape.Height - 1);
                        ref var sourceRow = ref Unsafe.Add(ref src, (t * frame) + (h * row));
                        ref var target = ref Unsafe.Add(ref dst, block + ((((nint)dt * patch.H) + dh) * run));
                        CopyRuns(ref target, token, ref sourceRow, run, fullColumns, (uint)run);
                        if (fullColumns < grid.GridW && tailPixels > 0)
                        {
                            ref var tailSource = ref Unsafe.Add(ref sourceRow, fullColumns * run);
                            ref var tailTarget = ref Unsafe.Add(ref target, fullColumns * token);
                            Unsafe.CopyBlockUnaligned(ref tailTarget, ref tailSource, (uint)(tailPixels * pixel));
                            ReplicateLastPixel(ref tailSource, ref tailTarget, tailPixels, patch.W, pixel);
                        }
                    }
                }
            }
        }
    }

    private static void ScatterTokens(ref byte src, ref byte dst, PatchGrid grid, int elementSize)
    {
        var shape = grid.Restored;
        var patch = grid.Patch;
        var (pixel, run, row, frame, token, fullColumns, tailPixels) = ByteStrides.Of(shape, grid, elementSize);
        for (var it = 0; it < grid.GridT; it++)
        {
            for (var ih = 0; ih < grid.GridH; ih++)
            {
                var block = (((nint)it * grid.GridH) + ih) * grid.GridW * token;
                for (var dt = 0; dt < patch.T; dt++)
                {
                    var t = (it * patch.T) + dt;
                    for (var dh = 0; dh < patch.H; dh++)
                    {
                        var h = (ih * patch.H) + dh;
                        if (t >= shape.Frames || h >= shape.Height)
                        {
                            continue; // padding: not part of the restored tensor
                        }

                        ref var targetRow = ref Unsafe.Add(ref dst, (t * frame) + (h * row));
                        ref var source = ref Unsafe.Add(ref src, block + ((((nint)dt * patch.H) + dh) * run));
                        CopyRuns(ref targetRow, run, ref source, token, fullColumns, (uint)run);
                        if (fullColumns < grid.GridW && tailPixels > 0)
                        {
                            Unsafe.CopyBlockUnaligned(
                                ref Unsafe.Add(ref targetRow, fullColumns * run),
                                ref Unsafe.Add(ref source, fullColumns * token),
                                (uint)(tailPixels * pixel));
                        }
                    }
                }
            }
        }
    }

    // Byte strides of one side of a patchify: a pixel, a patch row's run, a tensor row, a frame and a token, and how
    // many whole patch columns a row holds plus the pixels left over for a padded last column.
    private readonly record struct ByteStrides(nint Pixel, nint Run, nint Row, nint Frame, nint Token, int FullColumns, int TailPixels)
    {
        public static ByteStrides Of(TensorShape shape, PatchGrid grid, int elementSize)
        {
            nint pixel = shape.Channels * elementSize;
            var row = shape.Width * pixel;
            var fullColumns = Math.Min(grid.GridW, shape.Width / grid.Patch.W);
            return new ByteStrides(
                pixel,
                grid.Patch.W * pixel,
                row,
                shape.Height * row,
                grid.TokenLength * (nint)elementSize,
                fullColumns,
                shape.Width - (fullColumns * grid.Patch.W));
        }
    }

    // Copies `count` runs of `bytes` bytes, stepping each side by its own stride. Runs of 16, 32, 48 or 64 bytes (2×2
    // latent and 16×16 RGB patches) are one fixed-size vector move each, and both sides step by pointer bumps: a
    // block-copy call, a loop over 16-byte pieces or an index multiply per run cost as much as the copy itself
    // (the 32-byte latent runs went from 1.8-2.0× a plain copy to about 1.1×).
    private static void CopyRuns(ref byte target, nint targetStride, ref byte source, nint sourceStride, int count, uint bytes)
    {
        switch (bytes)
        {
            case 16:
                CopyRuns<Vector128<byte>>(ref target, targetStride, ref source, sourceStride, count);
                break;
            case 32:
                CopyRuns<Vector256<byte>>(ref target, targetStride, ref source, sourceStride, count);
                break;
            case 48:
                CopyRuns<Run48>(ref target, targetStride, ref source, sourceStride, count);
                break;
            case 64:
                CopyRuns<Vector512<byte>>(ref target, targetStride, ref source, sourceStride, count);
                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    Unsafe.CopyBlockUnaligned(ref target, ref source, bytes);
                    target = ref Unsafe.Add(ref target, targetStride);
                    source = ref Unsafe.Add(ref source, sourceStride);
                }

                break;
        }
    }

    private static void CopyRuns<TRun>(ref byte target, nint targetStride, ref byte source, nint sourceStride, int count)
        where TRun : unmanaged
    {
        for (var i = 0; i < count; i++)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<TRun>(ref source));
            target = ref Unsafe.Add(ref target, targetStride);
            source = ref Unsafe.Add(ref source, sourceStride);
        }
    }

    private static void ReplicateLastPixel(ref byte source, ref byte target, int valid, int patchWidth, nint pixel)
    {
        ref var last = ref Unsafe.Add(ref source, (valid - 1) * pixel);
        for (var k = valid; k < patchWidth; k++)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref target, k * pixel), ref last, (uint)pixel);
        }
    }

    private static void RequireLength(int actual, int required, string what, bool exact)
    {
        if (exact ? actual != required : actual < required)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Buffer, 
                $"the {what} buffer holds {actual:N0} elements but {(exact ? "exactly" : "at least")} {required:N0} are needed for this shape and patch");
        }
    }
}
