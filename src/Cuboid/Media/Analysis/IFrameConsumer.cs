namespace Cuboid.Media.Analysis;

/// <summary>Something fed by the single analysis decode: it sees every frame once, in presentation order.</summary>
public interface IFrameConsumer
{
    /// <summary>Called for each decoded frame. The frame object is reused: copy what you keep.</summary>
    void OnFrame(AnalysisFrame frame);

    /// <summary>Called once after the last frame.</summary>
    void OnCompleted();
}
