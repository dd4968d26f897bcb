namespace Cuboid.Media.Scenes;

/// <summary>A detected shot boundary.</summary>
/// <param name="Time">Presentation time in seconds from the start of the file (as players and <c>ffmpeg -ss</c> count).</param>
/// <param name="Frame">Index of the decoded frame the boundary sits on (0-based): for a cut, the first frame of the new shot.</param>
/// <param name="Score">The detector's score at that frame: the HSV content score for content cuts, the adaptive ratio for
/// adaptive cuts, the mean luma (0-255) for fades and fade midpoints.</param>
/// <param name="Kind">Cut, fade-out or fade-in.</param>
/// <param name="FromFade">True for the cut placed at the midpoint of a fade through black.</param>
/// <param name="ShotStartFrame">For cuts, the first frame worth showing from the new shot (the fade-in frame for a fade).</param>
/// <param name="ShotStartTime">Time of <paramref name="ShotStartFrame"/>.</param>
public sealed record SceneBoundary(
    double Time,
    long Frame,
    double Score,
    SceneBoundaryKind Kind,
    bool FromFade = false,
    long ShotStartFrame = 0,
    double ShotStartTime = 0);
