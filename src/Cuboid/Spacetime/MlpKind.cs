namespace Cuboid.Spacetime;

/// <summary>The feed-forward block of a transformer layer: how many d×f matrices each token goes through.</summary>
public enum MlpKind
{
    /// <summary>Two matrices (up, down) with a GELU between: 2·d·f parameters.</summary>
    Gelu,

    /// <summary>Three matrices (gate, up, down): 3·d·f parameters.</summary>
    SwiGlu,
}
