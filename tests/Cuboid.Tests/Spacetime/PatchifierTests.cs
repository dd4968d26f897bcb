using Cuboid.Spacetime;

namespace Cuboid.Tests.Spacetime;

public class PatchifierTests
{
    [Fact]
    public void Random_byte_shapes_round_trip_exactly_for_every_policy()
    {
        var random = new Random(1234);
        for (var i = 0; i < 300; i++)
        {
            var shape = new TensorShape(random.Next(1, 7), random.Next(1, 20), random.Next(1, 20), random.Next(1, 5));
            var patch = new PatchSize(random.Next(1, 4), random.Next(1, 5), random.Next(1, 5));
            var data = new byte[shape.ElementCount];
            random.NextBytes(data);
            AssertRoundTrip(data, shape, patch, UnevenShapePolicy.PadReplicate);
            if (shape.Frames >= patch.T && shape.Height >= patch.H && shape.Width >= patch.W)
            {
                AssertRoundTrip(data, shape, patch, UnevenShapePolicy.Crop);
            }
        }
    }

    [Fact]
    public void Random_float_shapes_that_divide_round_trip_exactly()
    {
        var random = new Random(99);
        for (var i = 0; i < 200; i++)
        {
            var patch = new PatchSize(random.Next(1, 4), random.Next(1, 5), random.Next(1, 5));
            var shape = new TensorShape(patch.T * random.Next(1, 4), patch.H * random.Next(1, 6), patch.W * random.Next(1, 6), random.Next(1, 17));
            var data = new float[shape.ElementCount];
            for (var k = 0; k < data.Length; k++)
            {
                data[k] = (float)((random.NextDouble() * 2) - 1);
            }

            AssertRoundTrip(data, shape, patch, UnevenShapePolicy.Reject);
            AssertRoundTrip(data, shape, patch, UnevenShapePolicy.PadReplicate);
        }
    }

    [Fact]
    public void Tokens_hold_the_patch_in_t_h_w_c_order_with_positions()
    {
        // Value = index, so every element says where it came from.
        var shape = new TensorShape(2, 4, 6, 2);
        var data = Enumerable.Range(0, shape.ElementCount).Select(i => (float)i).ToArray();

        var patched = Patchifier.Patchify<float>(data, shape, new PatchSize(2, 2, 3));

        Assert.Equal(4, patched.Grid.TokenCount);
        Assert.Equal(2 * 2 * 3 * 2, patched.Grid.TokenLength);
        Assert.Equal(new TokenPosition(0, 1, 1), patched.Positions[3]);
        var token3 = patched.Tokens.AsSpan(3 * 24, 24).ToArray();
        var expected = new List<float>();
        for (var t = 0; t < 2; t++)
        {
            for (var h = 2; h < 4; h++)
            {
                for (var w = 3; w < 6; w++)
                {
                    for (var c = 0; c < 2; c++)
                    {
                        expected.Add((((((t * 4) + h) * 6) + w) * 2) + c);
                    }
                }
            }
        }

        Assert.Equal(expected, token3);
    }

    [Fact]
    public void Padding_replicates_the_last_frame_row_and_column()
    {
        var shape = new TensorShape(1, 3, 3, 1);
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        var patched = Patchifier.Patchify<byte>(data, shape, new PatchSize(2, 2, 2), UnevenShapePolicy.PadReplicate);

        Assert.Equal(4, patched.Grid.TokenCount);
        Assert.Equal(new TensorShape(2, 4, 4, 1), patched.Grid.Covered);
        // Token (0, 1, 1) covers rows 2..3, columns 2..3 of frames 0..1: all replicate pixel 9.
        Assert.Equal(Enumerable.Repeat((byte)9, 8), patched.Tokens.AsSpan(3 * 8, 8).ToArray());
        // Token (0, 0, 1): columns 2 and (replicated) 2 of rows 0 and 1.
        Assert.Equal(new byte[] { 3, 3, 6, 6, 3, 3, 6, 6 }, patched.Tokens.AsSpan(8, 8).ToArray());
    }

    [Fact]
    public void Crop_drops_the_trailing_remainder()
    {
        var shape = new TensorShape(1, 3, 5, 1);
        var data = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();

        var patched = Patchifier.Patchify<byte>(data, shape, new PatchSize(1, 2, 2), UnevenShapePolicy.Crop);

        Assert.Equal(new TensorShape(1, 2, 4, 1), patched.Grid.Restored);
        var restored = Patchifier.Unpatchify<byte>(patched.Tokens, patched.Grid);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 5, 6, 7, 8 }, restored);
    }

    [Fact]
    public void A_patch_that_does_not_divide_without_a_policy_is_a_clear_usage_error()
    {
        var shape = new TensorShape(1, 45, 80, 3);

        var error = Assert.Throws<CuboidException>(() => Patchifier.Patchify<byte>(new byte[shape.ElementCount], shape, new PatchSize(1, 2, 2)));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("height 45 is not a multiple of 2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(0, 4, 4, 1)]
    [InlineData(1, -4, 4, 1)]
    [InlineData(1, 4, 0, 1)]
    [InlineData(1, 4, 4, 0)]
    public void Zero_or_negative_dimensions_are_usage_errors(int t, int h, int w, int c)
    {
        var error = Assert.Throws<CuboidException>(() => PatchGrid.Create(new TensorShape(t, h, w, c), new PatchSize(1, 1, 1)));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Zero_patch_and_crop_to_nothing_are_usage_errors()
    {
        var shape = new TensorShape(1, 4, 4, 1);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => PatchGrid.Create(shape, new PatchSize(1, 0, 2))).Kind);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => PatchGrid.Create(shape, new PatchSize(1, 8, 2), UnevenShapePolicy.Crop)).Kind);
    }

    [Fact]
    public void Shapes_too_large_for_one_buffer_are_usage_errors_not_overflows()
    {
        var error = Assert.Throws<CuboidException>(() => PatchGrid.Create(new TensorShape(100_000, 100_000, 100_000, 3), new PatchSize(1, 2, 2)));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("more than one buffer", error.Message, StringComparison.Ordinal);
        var huge = new PatchSize(1 << 30, 1 << 30, 1 << 30);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => PatchGrid.Create(new TensorShape(2, 2, 2, 3), huge, UnevenShapePolicy.PadReplicate)).Kind);
    }

    [Fact]
    public void Buffers_of_the_wrong_length_are_refused()
    {
        var grid = PatchGrid.Create(new TensorShape(1, 4, 4, 1), new PatchSize(1, 2, 2));
        Assert.Throws<CuboidException>(() => Patchifier.Patchify<byte>(new byte[15], grid, new byte[16], []));
        Assert.Throws<CuboidException>(() => Patchifier.Patchify<byte>(new byte[16], grid, new byte[15], []));
        Assert.Throws<CuboidException>(() => Patchifier.Unpatchify<byte>(new byte[16], grid, new byte[8]));
    }

    [Fact]
    public void Patchify_and_unpatchify_into_caller_buffers_allocate_nothing()
    {
        var grid = PatchGrid.Create(new TensorShape(3, 20, 30, 16), new PatchSize(1, 2, 2));
        var input = new byte[grid.InputElementCount];
        var tokens = new byte[grid.TokenElementCount];
        var positions = new TokenPosition[grid.TokenCount];
        var output = new byte[grid.RestoredElementCount];
        new Random(3).NextBytes(input);
        Patchifier.Patchify<byte>(input, grid, tokens, positions);
        Patchifier.Unpatchify<byte>(tokens, grid, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Patchifier.Patchify<byte>(input, grid, tokens, positions);
        Patchifier.Unpatchify<byte>(tokens, grid, output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(81, 4, 21)]
    [InlineData(1, 4, 1)]
    [InlineData(4, 4, 1)]
    [InlineData(5, 4, 2)]
    [InlineData(121, 8, 16)]
    [InlineData(163, 6, 28)]
    public void Causal_first_frame_latent_count(int frames, int factor, int latent)
    {
        Assert.Equal(latent, CausalVae.LatentFrames(frames, factor));
    }

    [Theory]
    [InlineData(2, 12, 20, 4, 1, 2, 4)] // 16-byte runs
    [InlineData(3, 10, 16, 16, 1, 2, 2)] // 32-byte runs: a latent's 2×2 patches over 16 channels
    [InlineData(4, 37, 50, 3, 2, 16, 16)] // 48-byte runs: 16×16 RGB patches, padded on every side
    [InlineData(2, 8, 24, 16, 2, 2, 4)] // 64-byte runs
    public void Vector_sized_runs_put_every_element_where_the_definition_says(int frames, int height, int width, int channels, int pt, int ph, int pw)
    {
        var shape = new TensorShape(frames, height, width, channels);
        var data = new byte[shape.ElementCount];
        new Random(frames * height).NextBytes(data);

        var patched = Patchifier.Patchify<byte>(data, shape, new PatchSize(pt, ph, pw), UnevenShapePolicy.PadReplicate);

        var grid = patched.Grid;
        var n = 0;
        for (var it = 0; it < grid.GridT; it++)
        {
            for (var ih = 0; ih < grid.GridH; ih++)
            {
                for (var iw = 0; iw < grid.GridW; iw++, n++)
                {
                    for (var k = 0; k < grid.TokenLength; k++)
                    {
                        // Inside a token: t, h, w, c; padding repeats the last frame, row and column.
                        var (dt, dh, dw, c) = (k / (ph * pw * channels), k / (pw * channels) % ph, k / channels % pw, k % channels);
                        var t = Math.Min((it * pt) + dt, frames - 1);
                        var h = Math.Min((ih * ph) + dh, height - 1);
                        var w = Math.Min((iw * pw) + dw, width - 1);
                        Assert.Equal(data[(((((t * height) + h) * width) + w) * channels) + c], patched.Tokens[(n * grid.TokenLength) + k]);
                    }
                }
            }
        }

        Assert.Equal(data, Patchifier.Unpatchify<byte>(patched.Tokens, grid));
    }

    private static void AssertRoundTrip<T>(T[] data, TensorShape shape, PatchSize patch, UnevenShapePolicy policy)
        where T : unmanaged
    {
        var patched = Patchifier.Patchify<T>(data, shape, patch, policy);
        Assert.Equal(patched.Grid.TokenCount * patched.Grid.TokenLength, patched.Tokens.Length);
        Assert.Equal(patched.Grid.TokenCount, patched.Positions.Length);
        var restored = Patchifier.Unpatchify<T>(patched.Tokens, patched.Grid);
        var expected = policy == UnevenShapePolicy.Crop ? Crop(data, shape, patched.Grid.Restored) : data;
        Assert.True(expected.AsSpan().SequenceEqual(restored), $"{typeof(T).Name} {shape} patch {patch} {policy} did not round-trip");
    }

    private static T[] Crop<T>(T[] data, TensorShape from, TensorShape to)
    {
        var result = new T[to.ElementCount];
        var i = 0;
        for (var t = 0; t < to.Frames; t++)
        {
            for (var h = 0; h < to.Height; h++)
            {
                var start = (((t * from.Height) + h) * from.Width) * from.Channels;
                data.AsSpan(start, to.Width * to.Channels).CopyTo(result.AsSpan(i));
                i += to.Width * to.Channels;
            }
        }

        return result;
    }
}
