namespace Cuboid.Understanding;

/// <summary>
/// One sample of a <see cref="RecordedPass"/>, as the pass streamed it: <paramref name="File"/> is the exported JPEG's
/// name, null when the near-duplicate filter dropped the sample (its JPEG was not kept).
/// </summary>
internal sealed record RecordedSample(double Time, string Reason, string? File, double MotionEnergy, ulong? Hash);
