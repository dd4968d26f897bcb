using System.Runtime.CompilerServices;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// The analysis's models from plain Microsoft.Extensions.AI clients: no router, no catalog, no prices. Each client is
/// its own only candidate (named by its metadata's default model, for the cache), and usage is counted from the
/// responses themselves (calls, tokens, the <c>ModelId</c> that answered; no dollars).
/// </summary>
internal sealed class ClientAnalysisModels : IAnalysisModels
{
    private readonly StageTally _tally = new();
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);

    public ClientAnalysisModels(AnalysisClients clients)
    {
        _names[AnalysisTasks.Caption] = clients.Captioner?.GetService<ChatClientMetadata>()?.DefaultModelId;
        _names[AnalysisTasks.Transcribe] = clients.Transcriber?.GetService<SpeechToTextClientMetadata>()?.DefaultModelId;
        _names[AnalysisTasks.Reason] = clients.Reasoner?.GetService<ChatClientMetadata>()?.DefaultModelId;
        Captioner = clients.Captioner is { } captioner ? new TalliedChatClient(captioner, AnalysisTasks.Caption, _tally) : null;
        Transcriber = clients.Transcriber is { } transcriber ? new TalliedSpeechToTextClient(transcriber, _tally) : null;
        Reasoner = clients.Reasoner is { } reasoner ? new TalliedChatClient(reasoner, AnalysisTasks.Reason, _tally) : null;
    }

    public IChatClient? Captioner { get; }

    public ISpeechToTextClient? Transcriber { get; }

    public IChatClient? Reasoner { get; }

    public IReadOnlyList<ModelQuote> Candidates(string task, long? promptTokens = null) =>
        _names.GetValueOrDefault(task) is { } name ? [new ModelQuote(name)] : [];

    public IReadOnlyList<StageUsage> Usage() => _tally.Usage();

    private sealed class TalliedChatClient(IChatClient inner, string task, StageTally tally) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            tally.Add(task, response.ModelId, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            return response;
        }
    }

    private sealed class TalliedSpeechToTextClient(ISpeechToTextClient inner, StageTally tally) : DelegatingSpeechToTextClient(inner)
    {
        public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
            tally.Add(AnalysisTasks.Transcribe, response.ModelId, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, response.EndTime?.TotalSeconds ?? 0);
            return response;
        }

        public override async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var updates = new List<SpeechToTextResponseUpdate>();
            await foreach (var update in base.GetStreamingTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                yield return update;
            }

            Add(updates);
        }

        private void Add(IReadOnlyList<SpeechToTextResponseUpdate> updates)
        {
            var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Select(u => u.Details).ToList();
            var heard = updates.LastOrDefault(u => u.EndTime is not null)?.EndTime ?? TimeSpan.Zero;
            tally.Add(AnalysisTasks.Transcribe, updates.LastOrDefault(u => u.ModelId is not null)?.ModelId,
                usage.Sum(u => u.InputTokenCount ?? 0), usage.Sum(u => u.OutputTokenCount ?? 0), heard.TotalSeconds);
        }
    }
}
