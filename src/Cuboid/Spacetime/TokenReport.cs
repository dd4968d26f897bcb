namespace Cuboid.Spacetime;

/// <summary>A clip's token count with the family and the clip's timing, ready to show.</summary>
/// <param name="Fps">The frame rate the model generates or samples the clip at.</param>
/// <param name="Seconds">The clip's duration at that rate: frames / fps.</param>
/// <param name="SampledFrames">For a duration or a file: seconds × fps in whole frames, before snapping to what the VAE
/// encodes whole (<see cref="TokenCount.Frames"/>); null when the frames were given.</param>
/// <param name="Source">The video file counted, if any, and what it was before the model's resampling.</param>
public sealed record TokenReport(ModelFamily Family, TokenCount Count, double Fps, double Seconds, VideoSource? Source = null, int? SampledFrames = null);
