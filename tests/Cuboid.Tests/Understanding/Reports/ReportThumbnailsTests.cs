using Cuboid.Testing.Video;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding.Reports;

public class ReportThumbnailsTests
{
    [Fact]
    public async Task Each_frame_gets_its_own_small_jpeg_and_an_unreadable_set_keeps_its_links()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-thumbs-test-").FullName;
        var frames = Directory.CreateDirectory(Path.Combine(folder, "frames")).FullName;
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Width = 640, Height = 360, Audio = false });
        var run = await Cuboid.Media.MediaProcess.RunAsync("ffmpeg", ["-v", "error", "-i", video, "-vf", "fps=1", "-frames:v", "3", Path.Combine(frames, "frame-%07d.jpg")]);
        Assert.Equal(0, run.ExitCode);

        // Sample order is not name order: the thumbnails must follow the samples, not the file names.
        List<ReportSample> samples = [new(2, "interval", "frames/frame-0000003.jpg"), new(0, "first", "frames/frame-0000001.jpg"), new(1, "interval", "frames/frame-0000002.jpg")];
        var thumbnails = await ReportThumbnails.CreateAsync(folder, samples);

        Assert.Equal(3, thumbnails.Count);
        foreach (var sample in samples)
        {
            var jpeg = Convert.FromBase64String(thumbnails[sample.Frame]["data:image/jpeg;base64,".Length..]);
            Assert.True(jpeg.Length < new FileInfo(Path.Combine(folder, sample.Frame)).Length);
            var thumb = Path.Combine(folder, "thumb.jpg");
            await File.WriteAllBytesAsync(thumb, jpeg);
            var probe = await Cuboid.Media.Probe.VideoProbe.ProbeAsync(thumb, Cuboid.Media.MediaTools.Default);
            Assert.Equal(ReportThumbnails.Width, probe.Video!.Width);
        }

        Assert.NotEqual(thumbnails["frames/frame-0000001.jpg"], thumbnails["frames/frame-0000003.jpg"]);

        await File.WriteAllTextAsync(Path.Combine(frames, "frame-0000002.jpg"), "not a jpeg");
        Assert.Empty(await ReportThumbnails.CreateAsync(folder, samples));
        Directory.Delete(folder, recursive: true);
    }
}
