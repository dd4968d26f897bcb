namespace Cuboid.Media.Analysis;

/// <summary>PySceneDetect's content value: mean absolute difference of hue, saturation and value, averaged (0-255).</summary>
internal static class HsvDifference
{
    public static double Score(FramePlanes a, FramePlanes b)
    {
        var pixels = (double)a.Hue.Length;
        var hue = PlaneMath.SumAbsDiff(a.Hue, b.Hue);
        var saturation = PlaneMath.SumAbsDiff(a.Saturation, b.Saturation);
        var value = PlaneMath.SumAbsDiff(a.Value, b.Value);
        return (hue + saturation + value) / (3 * pixels);
    }
}
