namespace Cuboid.Testing.Shots;

/// <summary>A test video made of shots with known boundaries: hard cuts between shots, or fades through black when
/// one shot fades out and the next fades in.</summary>
public sealed record ShotReel(int Width, int Height, int Fps, IReadOnlyList<Shot> Shots)
{
    /// <summary>mp4, mkv or ts.</summary>
    public string Container { get; init; } = "mp4";

    /// <summary>x264 preset; veryfast keeps the deblocking and B-frames of real files.</summary>
    public string Preset { get; init; } = "veryfast";

    public int Crf { get; init; } = 23;

    /// <summary>A stable text naming everything that shapes the file (its cache key).</summary>
    public string Key => $"reel-v3|threads=1|{Width}x{Height}@{Fps}|{Container}|{Preset}|{Crf}|{string.Join(';', Shots.Select(s => s.Key))}";

    public int TotalFrames => Shots.Sum(s => s.Frames);

    /// <summary>First frame of every shot that starts with a hard cut (not after a fade).</summary>
    public IReadOnlyList<int> HardCutFrames
    {
        get
        {
            var cuts = new List<int>();
            var start = 0;
            for (var i = 0; i < Shots.Count; i++)
            {
                if (i > 0 && !(Shots[i - 1].FadeOutFrames > 0 && Shots[i].FadeInFrames > 0))
                {
                    cuts.Add(start);
                }

                start += Shots[i].Frames;
            }

            return cuts;
        }
    }

    /// <summary>First frame of every shot that begins after a fade out of the previous one.</summary>
    public IReadOnlyList<int> FadeBoundaryFrames
    {
        get
        {
            var fades = new List<int>();
            var start = 0;
            for (var i = 0; i < Shots.Count; i++)
            {
                if (i > 0 && Shots[i - 1].FadeOutFrames > 0 && Shots[i].FadeInFrames > 0)
                {
                    fades.Add(start);
                }

                start += Shots[i].Frames;
            }

            return fades;
        }
    }
}
