using Microsoft.Extensions.AI;

namespace Cuboid.Understanding;

/// <summary>
/// Any Microsoft.Extensions.AI clients to analyze with, each optional: a captioner that sees images, a transcriber,
/// and a reasoner that writes the summary and chapters. A missing client skips its stage.
/// </summary>
public sealed record AnalysisClients(IChatClient? Captioner = null, ISpeechToTextClient? Transcriber = null, IChatClient? Reasoner = null);
