using Cuboid.Storage;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Storage;

public class StagedFolderTests
{
    [Fact]
    public void Refuses_a_target_folder_that_holds_other_files_and_leaves_them_alone()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        var video = Path.Combine(folder, "talk.mp4");
        File.WriteAllText(video, "the user's video");

        var ex = Assert.Throws<CuboidException>(() => ReportFolder.Stage(folder));

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

        using (var staged = ReportFolder.Stage(folder))
        {
            File.WriteAllText(Path.Combine(staged.Staging, "report.json"), "{\"new\":true}");
            staged.Commit();
        }

        Assert.Equal("{\"new\":true}", File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.False(Directory.Exists(Path.Combine(folder, "frames")));
    }

    [Fact]
    public void Writes_into_an_empty_folder()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;

        using (var staged = ReportFolder.Stage(folder))
        {
            File.WriteAllText(Path.Combine(staged.Staging, "report.json"), "{}");
            staged.Commit();
        }

        Assert.True(File.Exists(Path.Combine(folder, "report.json")));
    }

    [Fact]
    public void Replacing_refuses_a_folder_given_as_dot_when_it_holds_files()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep");

        // "--out ." from inside the folder: the same full path, spelled with a trailing dot.
        var ex = Assert.Throws<CuboidException>(() => ReportFolder.Stage(Path.Combine(folder, ".")));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(folder, "notes.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void Merging_adds_files_beside_the_users_own_and_replaces_same_named_ones()
    {
        var folder = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep");
        File.WriteAllText(Path.Combine(folder, "frame-1.jpg"), "old");

        IReadOnlyDictionary<string, string> moved;
        using (var staged = StagedFolder.Merging(folder))
        {
            File.WriteAllText(Path.Combine(staged.Staging, "frame-1.jpg"), "new");
            File.WriteAllText(Path.Combine(staged.Staging, "frame-2.jpg"), "new");
            moved = staged.Commit();
        }

        Assert.Equal("keep", File.ReadAllText(Path.Combine(folder, "notes.txt")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(folder, "frame-1.jpg")));
        Assert.Equal([Path.Combine(folder, "frame-1.jpg"), Path.Combine(folder, "frame-2.jpg")], moved.Values.Order(StringComparer.Ordinal));
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!), e => e.StartsWith(folder + ".", StringComparison.Ordinal) || e == folder);
    }

    [Fact]
    public void An_abandoned_stage_leaves_nothing_and_no_folder_appears()
    {
        var root = Directory.CreateTempSubdirectory("cuboid-out-").FullName;
        var target = Path.Combine(root, "frames");

        using (var staged = StagedFolder.Merging(target))
        {
            File.WriteAllText(Path.Combine(staged.Staging, "frame-1.jpg"), "half");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_folder_that_cannot_be_created_is_one_clear_input_error_naming_the_users_path(bool replacing)
    {
        var ex = Assert.Throws<CuboidException>(() => replacing ? ReportFolder.Stage("/proc/cuboid-rep") : StagedFolder.Merging("/proc/cuboid-rep"));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Equal("cannot write the output folder /proc/cuboid-rep: the file system refused it", ex.Message);
    }

    [Fact]
    public void A_file_is_not_a_folder()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cuboid-out-").FullName, "x.txt");
        File.WriteAllText(file, "x");

        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => StagedFolder.Merging(file)).Kind);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => ReportFolder.Stage(file)).Kind);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_staging_folder_whose_owner_was_killed_is_removed_by_the_next_run_into_the_same_folder()
    {
        var root = Directory.CreateTempSubdirectory("cuboid-debris-").FullName;
        var target = Path.Combine(root, "demo.mp4.cuboid");

        // A real process owns a staging folder with frames in it, then is killed as kill -9 would.
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var owner = StagingOwner.Of(child)!;
        var debris = Directory.CreateDirectory(Path.Combine(root, owner.FolderName("demo.mp4.cuboid"))).FullName;
        File.WriteAllText(Path.Combine(debris, "frame-0000001.jpg"), "jpeg");
        Assert.True(owner.IsRunning());
        child.Kill();
        child.WaitForExit();

        // A run still writing (this process) and a folder of another output are left alone.
        var live = Directory.CreateDirectory(Path.Combine(root, StagingOwner.Current.FolderName("demo.mp4.cuboid"))).FullName;
        var other = Directory.CreateDirectory(Path.Combine(root, owner.FolderName("other.mp4.cuboid"))).FullName;

        using (ReportFolder.Stage(target))
        {
            Assert.False(Directory.Exists(debris));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(other));
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_reused_process_id_does_not_keep_a_dead_runs_folder()
    {
        var root = Directory.CreateTempSubdirectory("cuboid-debris-").FullName;
        var reused = StagingOwner.Current with { StartedUnixMs = StagingOwner.Current.StartedUnixMs - 3_600_000 };
        var debris = Directory.CreateDirectory(Path.Combine(root, reused.FolderName("out"))).FullName;

        Assert.False(reused.IsRunning());
        using (StagedFolder.Merging(Path.Combine(root, "out")))
        {
            Assert.False(Directory.Exists(debris));
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_owner_is_read_back_from_the_folder_name_and_other_names_have_none()
    {
        var owner = new StagingOwner(4242, 1_764_000_000_123);

        Assert.Equal(owner, StagingOwner.FromFolderName(owner.FolderName("a.cuboid"), "a.cuboid"));
        Assert.Null(StagingOwner.FromFolderName(owner.FolderName("a.cuboid"), "b.cuboid"));
        Assert.Null(StagingOwner.FromFolderName($".a.cuboid.partial-{Guid.NewGuid():N}", "a.cuboid"));
    }
}
