using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

public sealed class AnalysisSinkTests
{
    [Fact]
    public async Task The_null_sink_works_in_a_temporary_folder_keeps_nothing_and_removes_it()
    {
        var request = new AnalyzeRequest { VideoPath = "talk.mp4" };
        string folder;
        using (var workspace = NullAnalysisSink.Instance.Open(request))
        {
            folder = workspace.Directory;
            await File.WriteAllTextAsync(Path.Combine(folder, "frame.jpg"), "x");
            Assert.Null(await workspace.KeepAsync(ReportSamples.Full(), CancellationToken.None));
        }

        Assert.False(Directory.Exists(folder));
        Assert.False(Directory.Exists(request.OutputPath));
        Assert.Null(NullAnalysisSink.Instance.Cache);
    }
}
