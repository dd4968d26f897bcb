namespace Cuboid.Testing.Shots;

/// <summary>A brief brightening inside a shot: every pixel's RGB multiplied by <paramref name="Gain"/> (so hue and
/// saturation stay, as with a photographer's flash or a lightning strike lighting the scene).</summary>
/// <param name="Frame">First brightened frame, counted within the shot.</param>
/// <param name="Length">How many frames stay brightened (1-3 for a flash).</param>
/// <param name="Gain">Brightness factor, e.g. 1.2 to 1.4 for +20 % to +40 %.</param>
public sealed record BrightnessFlash(int Frame, int Length, double Gain);
