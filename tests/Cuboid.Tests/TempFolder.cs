namespace Cuboid.Tests;

/// <summary>A fresh folder under the temp path, deleted with everything in it when the test is done (tests leave no debris in /tmp).</summary>
internal sealed class TempFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file a moment longer; the folder is only debris then.
        }
    }
}
