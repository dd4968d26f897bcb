using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Calls, tokens, audio and the answering models per task, counted from the responses of plain clients (no ledger,
/// no prices, so no dollars). Thread-safe: captions finish on several threads.
/// </summary>
internal sealed class StageTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Calls, long Input, long Output, double Audio, List<string> Models)> _stages = new(StringComparer.Ordinal);

    public void Add(string task, string? model, long inputTokens, long outputTokens, double audioSeconds = 0)
    {
        lock (_gate)
        {
            var (calls, input, output, audio, models) = _stages.GetValueOrDefault(task, (0, 0, 0, 0, []));
            if (model is not null)
            {
                models.Add(model);
            }

            _stages[task] = (calls + 1, input + inputTokens, output + outputTokens, audio + audioSeconds, models);
        }
    }

    public IReadOnlyList<StageUsage> Usage()
    {
        lock (_gate)
        {
            return [.. new[] { AnalysisTasks.Caption, AnalysisTasks.Transcribe, AnalysisTasks.Reason }.Select(task =>
                _stages.TryGetValue(task, out var s)
                    ? new StageUsage(task, s.Calls, s.Input, s.Output, s.Audio, 0m, AnalysisModels.MostAnswersFirst(s.Models))
                    : StageUsage.None(task))];
        }
    }
}
