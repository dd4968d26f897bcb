namespace Cuboid.Generation.Jobs;

/// <summary>
/// Where video jobs live between polls and across restarts (SQLite by default; <c>Cuboid.PostgreSql</c> for several
/// processes). Every save bumps the stored job's <see cref="VideoJob.Version"/>; <see cref="TrySave"/> is the
/// compare-and-swap that lets two workers race for the same job and only one win.
/// </summary>
public interface IVideoJobStore
{
    /// <summary>The folder where a job's outputs are kept.</summary>
    string OutputDirectory(string jobId);

    /// <summary>Saves the job whatever the store holds (insert or replace).</summary>
    void Save(VideoJob job);

    /// <summary>
    /// Saves the job only if the stored one is still at <see cref="VideoJob.Version"/> (the version it was read at; 0: the
    /// job must not exist yet). Returns the saved job with its new version, or null when another writer got there first.
    /// </summary>
    VideoJob? TrySave(VideoJob job);

    /// <summary>The job with its stored <see cref="VideoJob.Version"/>, or null.</summary>
    VideoJob? Find(string id);

    /// <summary>The newest jobs first.</summary>
    IReadOnlyList<VideoJob> List(int limit = 50);
}
