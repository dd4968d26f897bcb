namespace Cuboid.Testing.Shots;

/// <summary>
/// Six hard reels for the scene detectors, in the style of held-out footage that broke them: every shot noisy and
/// moving or evolving (rotating, scrolling, drifting gradients, a zooming fractal, sliding overlays), brightness
/// flashes of 1-3 frames at +20 % to +40 % inside most shots (often shortly before the next cut, where a false cut
/// would swallow the real one through the minimum scene length), and cuts between similar-looking shots (the same
/// source zoomed in, scrolled elsewhere or reseeded).
/// </summary>
public static class BusyShotReels
{
    public const int Count = 6;

    private const string Noise = "noise=alls=12:allf=t";

    // A second camera on the same subject: zoomed in and off-centre.
    private const string ZoomedIn = "crop=iw/1.3:ih/1.3:iw/9:ih/11,scale=1280:720";

    private const string Rotating = "rotate=angle=2*t:fillcolor=black";

    private const string Gradients = "gradients=speed=0.12:nb_colors=3";

    private static readonly double[] ShotSeconds = [1.2, 1.6, 1.0, 1.4, 1.3, 1.5];
    private static readonly double[] Gains = [1.2, 1.3, 1.4];

    // Each look, and a similar-looking look to cut to from it (null: none). Every similar pair still differs by a
    // content score of 35-70, so a content detector at its default threshold can find the cut.
    private static readonly (Shot Look, Shot? Similar)[] Looks =
    [
        (new Shot("smptebars", 0) { Filters = $"{Rotating},{Noise}" }, new Shot("smptebars", 0) { Filters = $"{Rotating},{ZoomedIn},{Noise}" }),
        (new Shot($"{Gradients}:c0=0x3060c0:c1=0xe0a040:c2=0x40c060", 0) { Filters = Noise },
            new Shot($"{Gradients}:c0=0xe0a040:c1=0x3060c0:c2=0x40c060", 0) { Filters = Noise, Seed = 6 }),
        (new Shot("color=c=0x2050a0", 0) { Filters = "noise=alls=16:allf=t", Overlay = new MovingOverlay("testsrc2", 320, 180, 1200) }, null),
        (new Shot("mandelbrot=start_scale=0.8", 0) { Filters = Noise, RenderSmall = true },
            new Shot("mandelbrot=start_scale=0.8:start_x=-0.7:start_y=0.3", 0) { Filters = Noise, RenderSmall = true }),
        (new Shot("testsrc2", 0) { Filters = $"scroll=horizontal=0.02:vertical=0.01,{Noise}" }, null),
        (new Shot("color=c=0x806040", 0) { Filters = Noise, Overlay = new MovingOverlay("smptebars", 400, 240, 900) }, null),
    ];

    /// <summary>Reel <paramref name="variant"/> (0 to <see cref="Count"/> - 1): 14 shots of 1.0-1.6 s at 1280×720, 25 fps.</summary>
    public static ShotReel Create(int variant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(variant, Count);
        const int fps = 25;
        static int F(double seconds) => (int)Math.Round(seconds * fps);

        var shots = new List<Shot>();
        var look = variant;
        for (var k = 0; k < 14; k++)
        {
            Shot template;
            if (k % 3 == 2 && Looks[look].Similar is { } similar)
            {
                template = similar; // cut to a shot that looks like the one before
            }
            else
            {
                look = k == 0 ? variant : (look + 1) % Looks.Length;
                template = Looks[look].Look;
            }

            var frames = F(ShotSeconds[(k + variant) % ShotSeconds.Length]);
            IReadOnlyList<BrightnessFlash> flashes = [];
            if ((k + variant) % 5 != 4)
            {
                var length = 1 + ((k + variant) % 3);
                // Even shots flash 0.3-0.5 s before their end, odd ones 0.3 s after their start.
                var at = k % 2 == 0 ? frames - F(0.3 + (0.2 * ((k + variant) % 2))) - length : F(0.3);
                flashes = [new BrightnessFlash(at, length, Gains[((2 * k) + variant) % Gains.Length])];
            }

            shots.Add(template with { Frames = frames, Seed = template.Seed + k + (10 * variant), BrightnessFlashes = flashes });
        }

        return new ShotReel(1280, 720, fps, shots) { Crf = 26 };
    }
}
