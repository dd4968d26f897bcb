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
        RequireLength(input.Length, grid.Input.ElementCount, "input", exact: true);
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
        RequireLength(input.Length, grid.Input.ElementCount, "input", exact: true);
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
        RequireLength(output.Length, grid.Restored.ElementCount, "output", exact: false);
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
        var output = new T[grid.Restored.ElementCount];
        Unpatchify(tokens, grid, output);
        return output;
    }

    private static void GatherTokens(ref byte src, ref byte dst, PatchGrid grid, int elementSize)
    {
        var shape = grid.Input;
        var patch = grid.Patch;
        nint pixel = shape.Channels * elementSize;
        var run = patch.W * pixel;
        var row = shape.Width * pixel;
        var frame = shape.Height * row;
        nint d = 0;
        for (var it = 0; it < grid.GridT; it++)
        {
            for (var ih = 0; ih < grid.GridH; ih++)
            {
                for (var iw = 0; iw < grid.GridW; iw++)
                {
                    var w0 = iw * patch.W;
                    var valid = Math.Min(patch.W, shape.Width - w0);
                    var column = w0 * pixel;
                    var validBytes = (uint)(valid * pixel);
                    for (var dt = 0; dt < patch.T; dt++)
                    {
                        // Clamping to the last frame/row is the replicate padding; it is a no-op otherwise.
                        var t = Math.Min((it * patch.T) + dt, shape.Frames - 1);
                        var frameStart = (t * frame) + column;
                        for (var dh = 0; dh < patch.H; dh++)
                        {
                            var h = Math.Min((ih * patch.H) + dh, shape.Height - 1);
                            ref var s = ref Unsafe.Add(ref src, frameStart + (h * row));
                            ref var o = ref Unsafe.Add(ref dst, d);
                            CopyRun(ref o, ref s, validBytes);
                            if (valid < patch.W)
                            {
                                ReplicateLastPixel(ref s, ref o, valid, patch.W, pixel);
                            }

                            d += run;
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
        nint pixel = shape.Channels * elementSize;
        var run = patch.W * pixel;
        var row = shape.Width * pixel;
        var frame = shape.Height * row;
        nint d = 0;
        for (var it = 0; it < grid.GridT; it++)
        {
            for (var ih = 0; ih < grid.GridH; ih++)
            {
                for (var iw = 0; iw < grid.GridW; iw++)
                {
                    var w0 = iw * patch.W;
                    var validBytes = (uint)(Math.Min(patch.W, shape.Width - w0) * pixel);
                    var column = w0 * pixel;
                    for (var dt = 0; dt < patch.T; dt++)
                    {
                        var t = (it * patch.T) + dt;
                        for (var dh = 0; dh < patch.H; dh++)
                        {
                            var h = (ih * patch.H) + dh;
                            if (t < shape.Frames && h < shape.Height)
                            {
                                // Padding (beyond the restored shape) is skipped.
                                CopyRun(ref Unsafe.Add(ref dst, (t * frame) + (h * row) + column), ref Unsafe.Add(ref src, d), validBytes);
                            }

                            d += run;
                        }
                    }
                }
            }
        }
    }

    // One contiguous run (pw·C elements). Short runs that are whole 16-byte vectors (the common 2×2 latent and
    // 16×16 RGB patches) are copied inline; a block-copy call per 32 bytes would cost more than the copy itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun(ref byte target, ref byte source, uint bytes)
    {
        if (bytes <= 64 && (bytes & 15) == 0)
        {
            for (nuint i = 0; i < bytes; i += 16)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, i), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref source, i)));
            }
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref target, ref source, bytes);
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
            throw CuboidException.Usage(
                $"the {what} buffer holds {actual:N0} elements but {(exact ? "exactly" : "at least")} {required:N0} are needed for this shape and patch");
        }
    }
}
