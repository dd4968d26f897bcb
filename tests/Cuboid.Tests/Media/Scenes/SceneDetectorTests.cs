using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;

namespace Cuboid.Tests.Media.Scenes;

/// <summary>The detector on frames made in memory, where every pixel is known.</summary>
public class SceneDetectorTests
{
    private const int Fps = 25;

    [Fact]
    public void A_hard_cut_is_reported_on_the_first_frame_of_the_new_shot()
    {
        var frames = Repeat(Picture.Blue, 30).Concat(Repeat(Picture.Orange, 30));

        var cuts = Detect(frames, new SceneDetectionOptions());

        var cut = Assert.Single(cuts);
        Assert.Equal(30, cut.Frame);
        Assert.Equal(30.0 / Fps, cut.Time, 9);
        Assert.Equal(SceneBoundaryKind.Cut, cut.Kind);
        Assert.True(cut.Score >= 27);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_flash_of_one_or_two_frames_is_not_a_cut(int flashFrames)
    {
        var frames = Repeat(Picture.Blue, 30).Concat(Repeat(Picture.White, flashFrames)).Concat(Repeat(Picture.Blue, 30));

        Assert.Empty(Detect(frames, new SceneDetectionOptions()));
        Assert.Empty(Detect(frames, new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive }));
    }

    [Fact]
    public void Without_flash_suppression_the_same_flash_is_cut_twice()
    {
        var frames = Repeat(Picture.Blue, 30).Concat(Repeat(Picture.White, 1)).Concat(Repeat(Picture.Blue, 30));

        var cuts = Detect(frames, new SceneDetectionOptions { FlashWindow = TimeSpan.Zero, MinSceneLength = TimeSpan.Zero, MinJumpRatio = 0 });
        var withJumpRule = Detect(frames, new SceneDetectionOptions { FlashWindow = TimeSpan.Zero, MinSceneLength = TimeSpan.Zero });

        Assert.Equal([30, 31], cuts.Select(c => c.Frame));
        Assert.Equal([30], withJumpRule.Select(c => c.Frame)); // The jump back is no bigger than the jump in.
    }

    [Fact]
    public void Cuts_closer_than_the_minimum_scene_length_are_dropped()
    {
        // Shots of 10 frames (0.4 s) with a 0.6 s minimum: only every other cut survives.
        var frames = Repeat(Picture.Blue, 20).Concat(Repeat(Picture.Orange, 10)).Concat(Repeat(Picture.Green, 10)).Concat(Repeat(Picture.Red, 30));

        var cuts = Detect(frames, new SceneDetectionOptions());

        Assert.Equal([20, 40], cuts.Select(c => c.Frame));
    }

    [Fact]
    public void A_cut_below_the_threshold_is_not_reported_and_a_lower_threshold_finds_it()
    {
        var frames = Repeat(Picture.Blue, 30).Concat(Repeat(Picture.DarkerBlue, 30)).ToList();

        Assert.Empty(Detect(frames, new SceneDetectionOptions()));
        Assert.Single(Detect(frames, new SceneDetectionOptions { Threshold = 5 }));
    }

    [Fact]
    public void A_fade_through_black_reports_fade_out_fade_in_and_a_cut_at_the_midpoint()
    {
        var frames = Repeat(Picture.Blue, 30).Concat(Repeat(Picture.Black, 10)).Concat(Repeat(Picture.Orange, 30));

        var boundaries = Detect(frames, new SceneDetectionOptions(), cutsOnly: false);

        Assert.Collection(
            boundaries.OrderBy(b => b.Time).ThenBy(b => b.Kind),
            fadeOut => Assert.Equal((SceneBoundaryKind.FadeOut, 30L), (fadeOut.Kind, fadeOut.Frame)),
            cut =>
            {
                Assert.Equal((SceneBoundaryKind.Cut, true), (cut.Kind, cut.FromFade));
                Assert.Equal(35.0 / Fps, cut.Time, 9);
                Assert.Equal(40, cut.ShotStartFrame);
            },
            fadeIn => Assert.Equal((SceneBoundaryKind.FadeIn, 40L), (fadeIn.Kind, fadeIn.Frame)));
    }

    [Theory]
    [InlineData(SceneDetectorKind.Content)]
    [InlineData(SceneDetectorKind.Adaptive)]
    public void A_quick_fade_gives_one_cut_at_its_midpoint_not_a_cut_on_the_way_down(SceneDetectorKind detector)
    {
        // Two frames of steep dimming (each a big content jump), black, then the next shot.
        var frames = Repeat(Picture.Blue, 30).Concat([Picture.Blue with { R = 15, G = 30, B = 100 }, Picture.Blue with { R = 8, G = 15, B = 60 }])
            .Concat(Repeat(Picture.Black, 8)).Concat(Repeat(Picture.Orange, 30));

        var cuts = Detect(frames, new SceneDetectionOptions { Detector = detector });

        var cut = Assert.Single(cuts);
        Assert.True(cut.FromFade);
        Assert.Equal(40, cut.ShotStartFrame);
    }

    [Fact]
    public void Steady_fast_motion_is_not_cut_by_either_detector_while_plain_content_scoring_cuts_it()
    {
        // Every frame differs a lot from the last (alternating pictures), then a real cut to a still shot.
        var busy = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? Picture.Stripes : Picture.StripesShifted);
        var frames = busy.Concat(Repeat(Picture.Orange, 30)).ToList();

        var adaptive = Detect(frames, new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive, FlashWindow = TimeSpan.Zero });
        var content = Detect(frames, new SceneDetectionOptions { FlashWindow = TimeSpan.Zero });
        var plainContent = Detect(frames, new SceneDetectionOptions { FlashWindow = TimeSpan.Zero, MinJumpRatio = 0 });

        Assert.Equal([40], adaptive.Select(c => c.Frame));
        Assert.Equal([40], content.Select(c => c.Frame));
        Assert.True(plainContent.Count > 1);
    }

    [Theory]
    [InlineData(1, 1.4)]
    [InlineData(2, 1.3)]
    [InlineData(3, 1.4)]
    public void A_brightness_flash_on_a_moving_shot_is_not_a_cut(int flashFrames, double gain)
    {
        // The picture slides 3 px a frame, so the frame after the flash never matches the one before it (content score
        // 15-23 apart); only the flash's shape in time (up, then back) says it was one. Thresholds are lowered so the
        // flash's jump (~19) is a candidate at all, as the jump of a +30 % flash over real moving footage is at 27.
        var frames = MovingRamp.Frames(70, flash: (30, flashFrames, gain));

        Assert.Empty(DetectRaw(frames, new SceneDetectionOptions { Threshold = 15 }));
        Assert.Empty(DetectRaw(frames, new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive, Threshold = 1.3 }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_cut_shortly_after_a_flash_is_still_found(int flashFrames)
    {
        // The real cut comes 8 frames (0.32 s) after the flash, well inside the 0.6 s minimum scene length.
        var cut = 30 + flashFrames + 8;
        var frames = MovingRamp.Frames(70, flash: (30, flashFrames, 1.4), cutAt: cut);

        Assert.Equal([cut], DetectRaw(frames, new SceneDetectionOptions { Threshold = 15 }).Select(c => c.Frame));
        Assert.Equal([cut], DetectRaw(frames, new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive, Threshold = 1.3 }).Select(c => c.Frame));
    }

    [Fact]
    public void A_cut_to_a_brighter_moving_shot_is_a_cut_not_a_flash()
    {
        // Up in brightness and never back: the shape of a cut, however much the shots look alike.
        var frames = MovingRamp.Frames(70, flash: (30, 40, 1.4), cutAt: 30);

        Assert.Equal([30], DetectRaw(frames, new SceneDetectionOptions()).Select(c => c.Frame));
        Assert.Equal([30], DetectRaw(frames, new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive }).Select(c => c.Frame));
    }

    [Theory]
    [InlineData(-1.0, SceneDetectorKind.Content)]
    [InlineData(0.0, SceneDetectorKind.Adaptive)]
    [InlineData(300.0, SceneDetectorKind.Content)]
    [InlineData(double.NaN, SceneDetectorKind.Content)]
    public void Bad_thresholds_are_usage_errors(double threshold, SceneDetectorKind detector)
    {
        var error = Assert.Throws<CuboidException>(() => new SceneDetector(new SceneDetectionOptions { Detector = detector, Threshold = threshold }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_minimum_scene_length_is_a_usage_error()
    {
        var error = Assert.Throws<CuboidException>(() => new SceneDetector(new SceneDetectionOptions { MinSceneLength = TimeSpan.FromSeconds(-1) }));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    private static List<SceneBoundary> Detect(IEnumerable<Picture> pictures, SceneDetectionOptions options, bool cutsOnly = true) =>
        DetectRaw(pictures.Select((picture, index) => picture.Rgb(index)), options, cutsOnly);

    private static List<SceneBoundary> DetectRaw(IEnumerable<byte[]> gbrpFrames, SceneDetectionOptions options, bool cutsOnly = true)
    {
        var frame = new AnalysisFrame(Picture.Width, Picture.Height);
        var detector = new SceneDetector(options);
        long index = 0;
        foreach (var gbrp in gbrpFrames)
        {
            frame.Load(gbrp, index, index / (double)Fps);
            detector.OnFrame(frame);
            index++;
        }

        detector.OnCompleted();
        return [.. detector.Boundaries.Where(b => !cutsOnly || b.Kind == SceneBoundaryKind.Cut)];
    }

    private static IEnumerable<Picture> Repeat(Picture picture, int count) => Enumerable.Repeat(picture, count);

    /// <summary>A 32×18 test picture: a colour with a soft gradient and a little per-frame noise, like real footage.</summary>
    private sealed record Picture(byte R, byte G, byte B, bool Striped = false, bool Shifted = false)
    {
        public const int Width = 32;
        public const int Height = 18;

        public static Picture Blue { get; } = new(30, 60, 200);
        public static Picture DarkerBlue { get; } = new(25, 50, 180);
        public static Picture Orange { get; } = new(230, 130, 30);
        public static Picture Green { get; } = new(40, 190, 60);
        public static Picture Red { get; } = new(200, 30, 40);
        public static Picture White { get; } = new(255, 255, 255);
        public static Picture Black { get; } = new(0, 0, 0);
        public static Picture Stripes { get; } = new(200, 40, 160, Striped: true);
        public static Picture StripesShifted { get; } = new(200, 40, 160, Striped: true, Shifted: true);

        /// <summary>The picture as the pass receives it: planar green, blue, red (ffmpeg gbrp).</summary>
        public byte[] Rgb(long seed)
        {
            var random = new Random((int)seed);
            var pixels = Width * Height;
            var gbrp = new byte[pixels * 3];
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var i = (y * Width) + x;
                    var on = !Striped || ((x / 2) + (Shifted ? 1 : 0)) % 2 == 0;
                    var shade = on ? 1.0 - (0.2 * x / Width) : 0.15;
                    gbrp[(2 * pixels) + i] = Pixel(R * shade, random);
                    gbrp[i] = Pixel(G * shade, random);
                    gbrp[pixels + i] = Pixel(B * shade, random);
                }
            }

            return gbrp;
        }

        private static byte Pixel(double value, Random random) =>
            (byte)Math.Clamp(value + random.Next(-2, 3), 0, 255);
    }

    /// <summary>A 32×18 shot in motion: a brightness ramp (dark in the middle, bright at the edges) over hues that
    /// change down the picture, sliding 3 px to the left every frame, with a little per-frame noise.</summary>
    private static class MovingRamp
    {
        /// <param name="count">Frames in all.</param>
        /// <param name="flash">First frame, length and gain of a brightness flash (RGB multiplied by the gain).</param>
        /// <param name="cutAt">From this frame on, another shot: the same motion with other hues, dimmer.</param>
        public static List<byte[]> Frames(int count, (int Start, int Length, double Gain) flash, int? cutAt = null) =>
            [.. Enumerable.Range(0, count).Select(n => Rgb(
                n,
                n >= flash.Start && n < flash.Start + flash.Length ? flash.Gain : 1.0,
                n >= cutAt ? 0.33 : 0,
                n >= cutAt ? 0.8 : 1.0))];

        private static byte[] Rgb(int n, double gain, double hueShift, double dim)
        {
            const int width = Picture.Width, height = Picture.Height, pixels = width * height;
            var random = new Random(n);
            var gbrp = new byte[pixels * 3];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var position = ((x + (3 * n)) % width) / (double)width;
                    var value = (0.3 + (0.55 * Math.Abs((2 * position) - 1))) * dim;
                    var (r, g, b) = FromHsv((0.05 + (0.3 * y / height) + hueShift) % 1.0, 0.75, value);
                    var i = (y * width) + x;
                    gbrp[i] = Pixel(g * 255 * gain, random);
                    gbrp[pixels + i] = Pixel(b * 255 * gain, random);
                    gbrp[(2 * pixels) + i] = Pixel(r * 255 * gain, random);
                }
            }

            return gbrp;
        }

        private static (double R, double G, double B) FromHsv(double hue, double saturation, double value)
        {
            var sector = (int)(hue * 6) % 6;
            var f = (hue * 6) - Math.Floor(hue * 6);
            double p = value * (1 - saturation), q = value * (1 - (saturation * f)), t = value * (1 - (saturation * (1 - f)));
            return sector switch
            {
                0 => (value, t, p),
                1 => (q, value, p),
                2 => (p, value, t),
                3 => (p, q, value),
                4 => (t, p, value),
                _ => (value, p, q),
            };
        }

        private static byte Pixel(double value, Random random) => (byte)Math.Clamp(value + random.Next(-2, 3), 0, 255);
    }
}
