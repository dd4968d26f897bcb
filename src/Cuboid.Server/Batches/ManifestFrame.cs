namespace Cuboid.Server.Batches;

/// <summary>One exported frame of a <see cref="FrameManifest"/> (the pass's <c>PlannedFrame</c>, its JPEG a blob).</summary>
public sealed record ManifestFrame(double Time, string Reason, string File, double MotionEnergy, ulong? Hash);
