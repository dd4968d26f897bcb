using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding.Reports;

public class StagedDirectoryTests
{
    [Fact]
    public void Refuses_a_target_folder_that_holds_other_files_and_leaves_them_alone()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        var video = Path.Combine(folder, "talk.mp4");
        File.WriteAllText(video, "the user's video");

        var ex = Assert.Throws<CuboidException>(() => StagedDirectory.Create(folder));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.True(File.Exists(video));
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!), e => e.StartsWith(folder + ".", StringComparison.Ordinal) || e == folder);
    }

    [Fact]
    public void Replaces_an_earlier_report_whole()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        File.WriteAllText(Path.Combine(folder, "report.json"), "{}");
        Directory.CreateDirectory(Path.Combine(folder, "frames"));
        File.WriteAllText(Path.Combine(folder, "frames", "stale.jpg"), "old");

        using (var staged = StagedDirectory.Create(folder))
        {
            File.WriteAllText(Path.Combine(staged.Path, "report.json"), "{\"new\":true}");
            staged.Commit();
        }

        Assert.Equal("{\"new\":true}", File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.False(Directory.Exists(Path.Combine(folder, "frames")));
    }

    [Fact]
    public void Writes_into_an_empty_folder()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;

        using (var staged = StagedDirectory.Create(folder))
        {
            File.WriteAllText(Path.Combine(staged.Path, "report.json"), "{}");
            staged.Commit();
        }

        Assert.True(File.Exists(Path.Combine(folder, "report.json")));
    }
}
