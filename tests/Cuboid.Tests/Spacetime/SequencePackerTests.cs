using Cuboid.Spacetime;

namespace Cuboid.Tests.Spacetime;

public class SequencePackerTests
{
    [Fact]
    public void Videos_and_an_image_pack_into_one_sequence_with_block_diagonal_attention()
    {
        var patch = new PatchSize(1, 2, 2);
        var video1 = new TensorShape(3, 4, 6, 2);   // 3·2·3 = 18 tokens
        var image = TensorShape.Image(8, 4, 2);     // 1·4·2 = 8 tokens
        var video2 = new TensorShape(2, 2, 2, 2);   // 2 tokens
        var random = new Random(7);
        PackInput<byte> Input(TensorShape s)
        {
            var data = new byte[s.ElementCount];
            random.NextBytes(data);
            return new PackInput<byte>(data, PatchGrid.Create(s, patch));
        }

        var inputs = new[] { Input(video1), Input(image), Input(video2) };
        var packed = SequencePacker.Pack(inputs);

        var layout = packed.Layout;
        Assert.Equal(28, layout.TokenCount);
        Assert.Equal(new[] { 0, 18, 26, 28 }, layout.CuSeqLens.ToArray());
        Assert.Equal(18, layout.MaxSegmentLength);
        Assert.Equal((18 * 18) + (8 * 8) + (2 * 2), layout.AttentionPairs);
        Assert.Equal(0, layout.SegmentIds[17]);
        Assert.Equal(1, layout.SegmentIds[18]);
        Assert.True(layout.CanAttend(0, 17));
        Assert.False(layout.CanAttend(17, 18));
        Assert.Equal(new TokenPosition(0, 0, 0), layout.Positions[18]);
        Assert.Equal(new TokenPosition(0, 3, 1), layout.Positions[25]);

        // Each segment's tokens are exactly that item's own patchify output.
        for (var s = 0; s < inputs.Length; s++)
        {
            var own = Patchifier.Patchify<byte>(inputs[s].Data.Span, inputs[s].Grid.Input, patch);
            var segment = layout.Segments[s];
            Assert.True(own.Tokens.AsSpan().SequenceEqual(packed.Tokens.AsSpan(segment.Offset * packed.TokenLength, segment.Length * packed.TokenLength)));
        }
    }

    [Fact]
    public void Items_with_different_token_lengths_cannot_share_a_sequence()
    {
        var a = new PackInput<byte>(new byte[16], PatchGrid.Create(new TensorShape(1, 4, 4, 1), new PatchSize(1, 2, 2)));
        var b = new PackInput<byte>(new byte[48], PatchGrid.Create(new TensorShape(1, 4, 4, 3), new PatchSize(1, 2, 2)));

        var error = Assert.Throws<CuboidException>(() => SequencePacker.Pack(new[] { a, b }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void First_fit_decreasing_fills_sequences_without_exceeding_capacity()
    {
        var patch = new PatchSize(1, 1, 1);
        var sizes = new[] { 60, 50, 40, 30, 20, 10 };
        var grids = sizes.Select(n => PatchGrid.Create(new TensorShape(1, 1, n, 1), patch)).ToList();

        var sequences = SequencePacker.PackIntoSequences(grids, 100);

        Assert.Equal(3, sequences.Count);
        Assert.All(sequences, s => Assert.True(s.TokenCount <= 100));
        Assert.Equal(Enumerable.Range(0, 6), sequences.SelectMany(s => s.Segments.Select(g => g.Source)).Order());
        Assert.Throws<CuboidException>(() => SequencePacker.PackIntoSequences(grids, 55));
        Assert.Throws<CuboidException>(() => SequencePacker.PackIntoSequences(grids, 0));
    }
}
