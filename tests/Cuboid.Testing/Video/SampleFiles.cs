namespace Cuboid.Testing.Video;

/// <summary>Files committed under <c>samples/</c>, found by walking up from the test binaries.</summary>
public static class SampleFiles
{
    /// <summary><c>samples/demo.mp4</c>: the 83 s talk with hard cuts at 6, 17, 23, 33, 39, 52, 58, 65 s and a fade at 76–78 s.</summary>
    public static string DemoVideo => Find(Path.Combine("samples", "demo.mp4"));

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above the test folder");
    }
}
