using System.Globalization;
using Cuboid.Media;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Small JPEG copies of the report's frames, as data URIs, so <c>report.html</c> shows its thumbnails even when it is
/// copied on its own (<c>frames/</c> keeps the full-size JPEGs for other uses). One ffmpeg process scales them all:
/// the frames are linked under sequential names in a temporary folder and read as one image sequence, so the n-th
/// output is the n-th sample however the frames are named. A frame that cannot be read keeps its <c>frames/</c> link.
/// </summary>
internal static class ReportThumbnails
{
    /// <summary>Wide enough for a sharp timeline card on a high-density screen, small enough for 2,000 in one page.</summary>
    public const int Width = 256;

    /// <returns>Each readable frame's relative path (as in <see cref="ReportSample.Frame"/>) mapped to its data URI.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> CreateAsync(string reportDirectory, IReadOnlyList<ReportSample> samples, MediaTools? tools = null, CancellationToken cancellationToken = default)
    {
        var frames = samples.Select(s => s.Frame).Where(f => f.Length > 0 && File.Exists(Path.Combine(reportDirectory, f))).Distinct(StringComparer.Ordinal).ToList();
        var thumbnails = new Dictionary<string, string>(StringComparer.Ordinal);
        if (frames.Count == 0)
        {
            return thumbnails;
        }

        var work = Directory.CreateTempSubdirectory("cuboid-thumbs-").FullName;
        try
        {
            for (var i = 0; i < frames.Count; i++)
            {
                Link(Path.GetFullPath(Path.Combine(reportDirectory, frames[i])), Path.Combine(work, Numbered("in-", i)));
            }

            var run = await MediaProcess.RunAsync((tools ?? MediaTools.Default).FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-v", "error", "-f", "image2", "-start_number", "0", "-i", Path.Combine(work, "in-%06d.jpg"),
                "-vf", $"scale='min({Width},iw)':-2:flags=lanczos", "-fps_mode", "passthrough", "-q:v", "7", "-start_number", "0", Path.Combine(work, "out-%06d.jpg"),
            ], cancellationToken).ConfigureAwait(false);
            // Unreadable frames (a test's fake JPEGs, a damaged file) keep their frames/ links; the page still works. A frame
            // ffmpeg skipped would shift every later output by one, so anything but one output per input counts as failure.
            if (run.ExitCode != 0 || Directory.GetFiles(work, "out-*.jpg").Length != frames.Count)
            {
                return thumbnails;
            }

            for (var i = 0; i < frames.Count; i++)
            {
                var output = Path.Combine(work, Numbered("out-", i));
                if (File.Exists(output))
                {
                    thumbnails[frames[i]] = "data:image/jpeg;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false));
                }
            }

            return thumbnails;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Numbered(string prefix, int index) => prefix + index.ToString("000000", CultureInfo.InvariantCulture) + ".jpg";

    private static void Link(string target, string link)
    {
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException)
        {
            File.Copy(target, link);
        }
        catch (UnauthorizedAccessException)
        {
            File.Copy(target, link);
        }
    }
}
