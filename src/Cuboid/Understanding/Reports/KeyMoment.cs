namespace Cuboid.Understanding.Reports;

/// <summary>A moment worth jumping to.</summary><param name="Time">Its time in seconds.</param><param name="Description">What happens there, in one line.</param>
public sealed record KeyMoment(double Time, string Description);
