namespace Cuboid.Generation.LongForm;

/// <summary>
/// Counts, per frame, the rows from the top and bottom and the columns from each side whose brightest pixel stays dark
/// (the HSV value plane is the brightest channel), and keeps a histogram of those runs. A bar is a run that at least
/// <see cref="Presence"/> of the lit frames have: ffmpeg's cropdetect misses bars a model draws for "cinematic".
/// </summary>
internal sealed class LetterboxScanner
{
    /// <summary>Brightest channel at or below this is dark (0-255; limited-range black decodes to about 0).</summary>
    public const int DarkLevel = 24;

    /// <summary>Frames darker than this mean luma are skipped: a black frame is all bar.</summary>
    public const double LitLuma = 20;

    /// <summary>Share of lit frames that must show a run for it to count as a bar.</summary>
    public const double Presence = 0.95;

    private readonly int _width;
    private readonly int _height;
    private readonly long[][] _runs;
    private long _frames;

    public LetterboxScanner(int width, int height)
    {
        _width = width;
        _height = height;
        _runs = [new long[height + 1], new long[height + 1], new long[width + 1], new long[width + 1]];
    }

    public void OnFrame(ReadOnlySpan<byte> value, double lumaMean)
    {
        if (lumaMean < LitLuma)
        {
            return;
        }

        _frames++;
        var top = Run(value, Edge.Top);
        var bottom = Run(value, Edge.Bottom);
        var left = Run(value, Edge.Left);
        var right = Run(value, Edge.Right);
        _runs[0][top]++;
        _runs[1][bottom]++;
        _runs[2][left]++;
        _runs[3][right]++;
    }

    /// <summary>The bars, scaled to a source of <paramref name="sourceWidth"/> × <paramref name="sourceHeight"/>.</summary>
    public LetterboxBars Result(int sourceWidth, int sourceHeight)
    {
        int Scale(int run, int analysis, int source) => (int)Math.Round(run * (double)source / analysis);
        return new LetterboxBars(
            Scale(Present(_runs[0]), _height, sourceHeight),
            Scale(Present(_runs[1]), _height, sourceHeight),
            Scale(Present(_runs[2]), _width, sourceWidth),
            Scale(Present(_runs[3]), _width, sourceWidth),
            _frames);
    }

    // The longest run that at least Presence of the frames reach.
    private int Present(long[] histogram)
    {
        if (_frames == 0)
        {
            return 0;
        }

        long atLeast = 0;
        for (var run = histogram.Length - 1; run > 0; run--)
        {
            atLeast += histogram[run];
            if (atLeast >= Presence * _frames)
            {
                return run;
            }
        }

        return 0;
    }

    private enum Edge
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    // Dark lines inward from one edge. One lit line right at the edge does not end a bar: scaling and chroma
    // subsampling often leave a fringe there (a bar drawn 21.6 px high keeps a lit last row).
    private int Run(ReadOnlySpan<byte> value, Edge edge)
    {
        var limit = edge is Edge.Top or Edge.Bottom ? _height : _width;
        var start = limit > 2 && !IsDark(value, edge, 0) && IsDark(value, edge, 1) ? 1 : 0;
        var run = start;
        while (run < limit && IsDark(value, edge, run))
        {
            run++;
        }

        return run == start ? 0 : run;
    }

    private bool IsDark(ReadOnlySpan<byte> value, Edge edge, int k) => edge switch
    {
        Edge.Top => RowIsDark(value, k),
        Edge.Bottom => RowIsDark(value, _height - 1 - k),
        Edge.Left => ColumnIsDark(value, k),
        _ => ColumnIsDark(value, _width - 1 - k),
    };

    private bool RowIsDark(ReadOnlySpan<byte> value, int y)
    {
        foreach (var v in value.Slice(y * _width, _width))
        {
            if (v > DarkLevel)
            {
                return false;
            }
        }

        return true;
    }

    private bool ColumnIsDark(ReadOnlySpan<byte> value, int x)
    {
        for (var i = x; i < value.Length; i += _width)
        {
            if (value[i] > DarkLevel)
            {
                return false;
            }
        }

        return true;
    }
}
