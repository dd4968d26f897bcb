namespace Cuboid.Media.Scenes;

/// <summary>Which hard-cut detector scores consecutive frames.</summary>
public enum SceneDetectorKind
{
    /// <summary>HSV difference between consecutive frames against a fixed threshold (PySceneDetect ContentDetector).</summary>
    Content,

    /// <summary>The content score divided by the average of its neighbours (PySceneDetect AdaptiveDetector).</summary>
    Adaptive,
}
