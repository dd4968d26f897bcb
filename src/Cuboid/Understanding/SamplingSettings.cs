namespace Cuboid.Understanding;

/// <summary>What the analysis pass samples: a frame every <see cref="EverySeconds"/>, after every cut unless scenes are off, exported at <see cref="CaptionLongSide"/> px.</summary>
public sealed record SamplingSettings(double EverySeconds = 5, bool DetectScenes = true, int CaptionLongSide = 768);
