using System.Globalization;
using Cuboid.Understanding;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// The plain-text progress of an analysis (stdout is not a terminal): one line per stage in the order stages finish.
/// A stage that will not run is known at the start, but its line waits until every stage before it has printed,
/// so "caption: skipped" never comes before "decode: done", and a run that fails early prints no such line at all.
/// </summary>
public sealed class AnalyzeProgressLines(TextWriter output)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalysisProgress> _waiting = new(StringComparer.Ordinal);
    private decimal _spent;

    public void Report(AnalysisProgress p)
    {
        lock (_gate)
        {
            _spent = Math.Max(_spent, p.DollarsSoFar);
            if (!p.Finished || _printed.Contains(p.Stage))
            {
                return;
            }

            if (p.Skipped is not null)
            {
                _waiting[p.Stage] = p;
            }
            else
            {
                Print(p);
            }

            // Skipped stages follow the last stage before them that finished.
            foreach (var stage in AnalyzeStages.Order.Where(s => _waiting.ContainsKey(s)).ToList())
            {
                if (AnalyzeStages.Order.TakeWhile(s => s != stage).All(_printed.Contains))
                {
                    Print(_waiting[stage]);
                    _waiting.Remove(stage);
                }
            }
        }
    }

    /// <summary>After a successful run: any stage still waiting, then the run's total once.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var stage in AnalyzeStages.Order.Where(_waiting.ContainsKey))
            {
                Print(_waiting[stage]);
            }

            _waiting.Clear();
            if (_spent > 0)
            {
                output.WriteLine($"total: {AnalyzeStages.Dollars(_spent)} spent");
            }
        }
    }

    private void Print(AnalysisProgress p)
    {
        _printed.Add(p.Stage);
        output.WriteLine($"{p.Stage}: {AnalyzeStages.Status(p)}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
