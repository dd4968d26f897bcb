namespace Cuboid.Spacetime;

/// <summary>
/// Several clips and images in one token sequence ("patch n' pack"). Attention is block-diagonal: a token
/// attends only to tokens of its own segment. <see cref="CuSeqLens"/> is that mask in the form
/// variable-length attention kernels take (cumulative segment offsets, segment count + 1 entries).
/// </summary>
public sealed class PackedSequence
{
    private readonly int[] _segmentIds;
    private readonly TokenPosition[] _positions;
    private readonly int[] _cuSeqLens;

    internal PackedSequence(IReadOnlyList<PackedSegment> segments)
    {
        Segments = segments;
        TokenCount = segments.Count == 0 ? 0 : segments[^1].End;
        _segmentIds = new int[TokenCount];
        _positions = new TokenPosition[TokenCount];
        _cuSeqLens = new int[segments.Count + 1];
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            _segmentIds.AsSpan(segment.Offset, segment.Length).Fill(s);
            segment.Grid.WritePositions(_positions.AsSpan(segment.Offset, segment.Length));
            _cuSeqLens[s + 1] = segment.End;
            MaxSegmentLength = Math.Max(MaxSegmentLength, segment.Length);
            AttentionPairs += (long)segment.Length * segment.Length;
        }
    }

    /// <summary>The packed items in order, each with its token range and grid.</summary>
    public IReadOnlyList<PackedSegment> Segments { get; }

    /// <summary>Tokens in the whole sequence.</summary>
    public int TokenCount { get; }

    /// <summary>For each token, the index of its segment in <see cref="Segments"/>.</summary>
    public ReadOnlySpan<int> SegmentIds => _segmentIds;

    /// <summary>For each token, its (t, h, w) position within its own segment's grid.</summary>
    public ReadOnlySpan<TokenPosition> Positions => _positions;

    /// <summary>Cumulative sequence lengths: segment s spans [CuSeqLens[s], CuSeqLens[s + 1]).</summary>
    public ReadOnlySpan<int> CuSeqLens => _cuSeqLens;

    /// <summary>Tokens in the longest segment (what a variable-length attention kernel is sized for).</summary>
    public int MaxSegmentLength { get; }

    /// <summary>Query-key pairs the block-diagonal mask keeps (Σ length²), against TokenCount² for full attention.</summary>
    public long AttentionPairs { get; }

    /// <summary>Whether token <paramref name="query"/> may attend to token <paramref name="key"/>.</summary>
    public bool CanAttend(int query, int key) => _segmentIds[query] == _segmentIds[key];
}
