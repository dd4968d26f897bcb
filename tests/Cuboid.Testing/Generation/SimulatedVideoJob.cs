namespace Cuboid.Testing.Generation;

/// <summary>One job inside the simulator: its protocol, model, spec, fault, how often it was polled, downloads, and the prompt.</summary>
public sealed class SimulatedVideoJob
{
    internal SimulatedVideoJob(string id, string protocol, string model, string prompt, SimulatedVideoSpec spec, VideoFault fault, DateTimeOffset createdAt)
    {
        Id = id;
        Protocol = protocol;
        Model = model;
        Prompt = prompt;
        Spec = spec;
        Fault = fault;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string Protocol { get; }

    public string Model { get; }

    public string Prompt { get; }

    /// <summary>The callback URL the create named (fal's <c>fal_webhook</c>, Replicate's <c>webhook</c>), if any.</summary>
    public string? Webhook { get; init; }

    public SimulatedVideoSpec Spec { get; }

    public VideoFault Fault { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Status requests so far; the job moves on one step per poll.</summary>
    public int Polls => Volatile.Read(ref PollCount);

    public int Downloads => Volatile.Read(ref DownloadCount);

    public bool CancelRequested { get; internal set; }

    internal int PollCount;

    internal int DownloadCount;

    /// <summary>The spec actually rendered (smaller than asked under <see cref="VideoFault.LowerResolution"/>).</summary>
    public SimulatedVideoSpec Delivered => Fault.Kind == VideoFaultKind.LowerResolution
        ? Spec with { Width = Even(Spec.Width / 2), Height = Even(Spec.Height / 2) }
        : Spec;

    private static int Even(int side) => Math.Max(2, side / 2 * 2);
}
