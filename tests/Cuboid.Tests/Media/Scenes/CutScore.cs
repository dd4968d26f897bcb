namespace Cuboid.Tests.Media.Scenes;

/// <summary>Precision, recall and F1 of detected cut frames against the true ones, each true cut matched at most once
/// by a detection within <c>tolerance</c> frames.</summary>
public sealed record CutScore(double Precision, double Recall, IReadOnlyList<long> FalseCuts, IReadOnlyList<int> MissedCuts)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static CutScore Of(IReadOnlyList<int> expected, IReadOnlyList<long> detected, int tolerance = 1)
    {
        var unmatched = detected.ToList();
        var missed = new List<int>();
        foreach (var cut in expected)
        {
            var hit = unmatched.FindIndex(d => Math.Abs(d - cut) <= tolerance);
            if (hit >= 0)
            {
                unmatched.RemoveAt(hit);
            }
            else
            {
                missed.Add(cut);
            }
        }

        var matched = expected.Count - missed.Count;
        var precision = detected.Count == 0 ? 0 : matched / (double)detected.Count;
        var recall = expected.Count == 0 ? 1 : matched / (double)expected.Count;
        return new CutScore(precision, recall, unmatched, missed);
    }

    public override string ToString() =>
        $"precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000}; false cuts at [{string.Join(", ", FalseCuts)}], missed [{string.Join(", ", MissedCuts)}]";
}
