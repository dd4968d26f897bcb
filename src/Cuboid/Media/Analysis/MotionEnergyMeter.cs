using System.Buffers.Binary;

namespace Cuboid.Media.Analysis;

/// <summary>
/// Cuboid motion energy: frame differences summed over small space-time blocks (<see cref="BlockFrames"/> frame
/// differences × <see cref="BlockSize"/>² pixels). Counting the blocks that move, rather than averaging the whole
/// picture, tells a static slide with a blinking cursor (few active cuboids) from a slow pan (all of them), which is
/// what the near-duplicate skipper needs.
/// </summary>
internal sealed class MotionEnergyMeter : IFrameConsumer
{
    private readonly Action<CuboidEnergy>? _onSlab;
    private long[] _sums = [];
    private int[] _pixelsPerBlock = [];
    private byte[] _difference = [];
    private int _blocksAcross;
    private int _framesInSlab;
    private double _slabStart;

    /// <param name="blockSize">Cuboid width and height in analysis pixels.</param>
    /// <param name="blockFrames">Frame differences per cuboid.</param>
    /// <param name="noiseFloor">Mean absolute luma change (0-255) above which a cuboid counts as moving; compression noise stays below it.</param>
    public MotionEnergyMeter(int blockSize = 8, int blockFrames = 4, double noiseFloor = 3.0, Action<CuboidEnergy>? onSlab = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockFrames, 1);
        BlockSize = blockSize;
        BlockFrames = blockFrames;
        NoiseFloor = noiseFloor;
        _onSlab = onSlab;
    }

    public int BlockSize { get; }

    public int BlockFrames { get; }

    public double NoiseFloor { get; }

    /// <summary>The most recent complete slab, or null before the first one.</summary>
    public CuboidEnergy? Latest { get; private set; }

    public void OnFrame(AnalysisFrame frame)
    {
        var previous = frame.At(frame.Index - 1);
        if (previous is null)
        {
            return;
        }

        if (_sums.Length == 0)
        {
            Allocate(frame.Width, frame.Height);
        }

        if (_framesInSlab == 0)
        {
            _slabStart = previous.Stats.Time;
        }

        Accumulate(frame.Planes.Luma, previous.Luma, frame.Width, frame.Height);
        if (++_framesInSlab == BlockFrames)
        {
            Close(frame.Time);
        }
    }

    public void OnCompleted()
    {
        if (_framesInSlab > 0 && _sums.Length > 0)
        {
            Close(double.NaN);
        }
    }

    private void Allocate(int width, int height)
    {
        _blocksAcross = (width + BlockSize - 1) / BlockSize;
        var blocksDown = (height + BlockSize - 1) / BlockSize;
        _sums = new long[_blocksAcross * blocksDown];
        _pixelsPerBlock = new int[_sums.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                _pixelsPerBlock[((y / BlockSize) * _blocksAcross) + (x / BlockSize)]++;
            }
        }
    }

    private void Accumulate(byte[] current, byte[] previous, int width, int height)
    {
        if (_difference.Length != current.Length)
        {
            _difference = new byte[current.Length];
        }

        PlaneMath.AbsDiff(current, previous, _difference);
        var difference = _difference;
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var blockRow = (y / BlockSize) * _blocksAcross;
            for (var bx = 0; bx < _blocksAcross; bx++)
            {
                var start = row + (bx * BlockSize);
                var end = Math.Min(start + BlockSize, row + width);
                long sum = 0;
                var i = start;
                for (; i + 8 <= end; i += 8)
                {
                    sum += PlaneMath.SumOfBytes(BinaryPrimitives.ReadUInt64LittleEndian(difference.AsSpan(i, 8)));
                }

                for (; i < end; i++)
                {
                    sum += difference[i];
                }

                _sums[blockRow + bx] += sum;
            }
        }
    }

    private void Close(double endTime)
    {
        var active = 0;
        double total = 0;
        for (var b = 0; b < _sums.Length; b++)
        {
            var energy = _sums[b] / (double)(_pixelsPerBlock[b] * _framesInSlab);
            total += energy;
            if (energy > NoiseFloor)
            {
                active++;
            }

            _sums[b] = 0;
        }

        var slab = new CuboidEnergy(_slabStart, double.IsNaN(endTime) ? _slabStart : endTime, (float)active / _sums.Length, (float)(total / _sums.Length));
        _framesInSlab = 0;
        Latest = slab;
        _onSlab?.Invoke(slab);
    }
}
