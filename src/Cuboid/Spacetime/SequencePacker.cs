namespace Cuboid.Spacetime;

/// <summary>Packs clips and images of different sizes into sequences with per-segment attention boundaries.</summary>
public static class SequencePacker
{
    /// <summary>Lays the grids out one after another in a single sequence.</summary>
    public static PackedSequence Layout(IReadOnlyList<PatchGrid> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var segments = new List<PackedSegment>(grids.Count);
        var offset = 0L;
        for (var i = 0; i < grids.Count; i++)
        {
            var length = grids[i].TokenCount;
            segments.Add(new PackedSegment(i, (int)offset, length, grids[i]));
            offset += length;
            if (offset > Array.MaxLength)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Items, $"packing {grids.Count} items makes {offset:N0}+ tokens, more than one sequence can hold");
            }
        }

        return new PackedSequence(segments);
    }

    /// <summary>Patchifies each input and concatenates the tokens; all inputs must share the token length (same patch and channels).</summary>
    public static PackedTokens<T> Pack<T>(IReadOnlyList<PackInput<T>> inputs)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Items, "nothing to pack: give at least one clip or image");
        }

        var tokenLength = inputs[0].Grid.TokenLength;
        foreach (var input in inputs)
        {
            if (input.Grid.TokenLength != tokenLength)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Items, 
                    $"cannot pack tokens of length {input.Grid.TokenLength} with tokens of length {tokenLength}: use the same patch and channel count for every item");
            }
        }

        var layout = Layout([.. inputs.Select(i => i.Grid)]);
        var elements = (long)layout.TokenCount * tokenLength;
        var tokens = elements > Array.MaxLength ? throw TensorShape.TooLarge(elements, $"of {layout.TokenCount:N0} packed tokens") : new T[elements];
        foreach (var segment in layout.Segments)
        {
            var target = tokens.AsSpan(segment.Offset * tokenLength, segment.Length * tokenLength);
            Patchifier.Patchify(inputs[segment.Source].Data.Span, segment.Grid, target, []);
        }

        return new PackedTokens<T>(layout, tokenLength, tokens);
    }

    /// <summary>
    /// Packs items into as few sequences of at most <paramref name="capacity"/> tokens as a first-fit-decreasing
    /// pass finds; each segment keeps its <see cref="PackedSegment.Source"/> index.
    /// </summary>
    public static IReadOnlyList<PackedSequence> PackIntoSequences(IReadOnlyList<PatchGrid> grids, int capacity)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (capacity <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Capacity, $"sequence capacity {capacity} must be at least 1 token");
        }

        var bins = new List<(List<int> Items, int Used)>();
        foreach (var index in Enumerable.Range(0, grids.Count).OrderByDescending(i => grids[i].TokenCount))
        {
            var length = grids[index].TokenCount;
            if (length > capacity)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueTooLarge, CuboidParameters.Items, $"item {index} has {length:N0} tokens, more than the sequence capacity {capacity:N0}; raise the capacity or shrink the item");
            }

            var bin = bins.FindIndex(b => b.Used + length <= capacity);
            if (bin < 0)
            {
                bins.Add(([index], length));
            }
            else
            {
                bins[bin].Items.Add(index);
                bins[bin] = (bins[bin].Items, bins[bin].Used + length);
            }
        }

        return [.. bins.Select(b => Build(b.Items, grids))];
    }

    private static PackedSequence Build(List<int> items, IReadOnlyList<PatchGrid> grids)
    {
        var segments = new List<PackedSegment>(items.Count);
        var offset = 0;
        foreach (var index in items)
        {
            segments.Add(new PackedSegment(index, offset, grids[index].TokenCount, grids[index]));
            offset += grids[index].TokenCount;
        }

        return new PackedSequence(segments);
    }
}
