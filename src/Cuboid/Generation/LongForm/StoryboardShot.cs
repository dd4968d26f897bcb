namespace Cuboid.Generation.LongForm;

/// <summary>One shot of a storyboard: what its segment shows and how many seconds it lasts.</summary>
public sealed record StoryboardShot(string Prompt, int Seconds);
