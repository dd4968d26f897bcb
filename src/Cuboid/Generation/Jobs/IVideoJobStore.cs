namespace Cuboid.Generation.Jobs;

/// <summary>Where video jobs live between polls and across restarts (SQLite by default; the server adds PostgreSQL).</summary>
public interface IVideoJobStore
{
    /// <summary>The folder where a job's outputs are kept.</summary>
    string OutputDirectory(string jobId);

    void Save(VideoJob job);

    VideoJob? Find(string id);

    /// <summary>The newest jobs first.</summary>
    IReadOnlyList<VideoJob> List(int limit = 50);
}
