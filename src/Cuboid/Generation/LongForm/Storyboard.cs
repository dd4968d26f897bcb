using System.Text.Json;
using Cuboid.Portfolio;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// A long video's plan: its shots in order (one generated segment each) and its anchors, the reference images every
/// segment is held to (subjects and style). Loaded from <c>--storyboard story.json</c>, written by the reasoning model
/// (<c>LongFormSession</c> asks the reasoner when a storyboard model is given), or, with neither, the prompt repeated over evenly long shots.
/// </summary>
public sealed record Storyboard(IReadOnlyList<StoryboardShot> Shots, IReadOnlyList<string> Anchors)
{
    /// <summary>The video's length in seconds: the shots' lengths added up.</summary>
    public int TotalSeconds => Shots.Sum(s => s.Seconds);

    /// <summary><paramref name="seconds"/> split into shots of <paramref name="shotSeconds"/> (the last one shorter when it does not divide), each showing <paramref name="prompt"/>.</summary>
    public static Storyboard Even(string prompt, int seconds, int shotSeconds, IReadOnlyList<string>? anchors = null)
    {
        var shots = new List<StoryboardShot>();
        for (var start = 0; start < seconds; start += shotSeconds)
        {
            shots.Add(new StoryboardShot(prompt, Math.Min(shotSeconds, seconds - start)));
        }

        return new Storyboard(shots, anchors ?? []);
    }

    /// <summary>Reads <c>story.json</c> (<c>{"shots":[{"prompt":"...","seconds":8}],"anchors":["hero.png"]}</c>); anchor
    /// paths are relative to the file. A file that is missing or malformed is one input error.</summary>
    public static Storyboard Load(string path)
    {
        if (!File.Exists(path))
        {
            throw CuboidException.Input(CuboidErrorCodes.InputNotFound, CuboidParameters.Storyboard, $"{CuboidParameters.Storyboard} {path}: no such file");
        }

        Storyboard? board;
        try
        {
            board = JsonSerializer.Deserialize<Storyboard>(File.ReadAllText(path), PortfolioJson.Output);
        }
        catch (JsonException ex)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputInvalid, CuboidParameters.Storyboard, $"{CuboidParameters.Storyboard} {path} is not a storyboard: {ex.Message}", ex);
        }

        if (board?.Shots is null || board.Shots.Count == 0)
        {
            throw CuboidException.Input(CuboidErrorCodes.InputInvalid, CuboidParameters.Storyboard, $"{CuboidParameters.Storyboard} {path} has no shots; give {{\"shots\":[{{\"prompt\":\"...\",\"seconds\":8}}]}}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        board = board with { Anchors = [.. (board.Anchors ?? []).Select(a => Path.GetFullPath(a, folder))] };
        board.Validate(path);
        return board;
    }

    /// <summary>Throws a usage error naming the first shot without a prompt or a positive length; <paramref name="path"/>
    /// is the storyboard file the shots came from.</summary>
    public void Validate(string path)
    {
        for (var i = 0; i < Shots.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Shots[i].Prompt))
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Storyboard, $"{CuboidParameters.Storyboard} {path}: shot {i + 1} has no prompt");
            }

            if (Shots[i].Seconds <= 0)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Storyboard, $"{CuboidParameters.Storyboard} {path}: shot {i + 1} must last a positive whole number of seconds, not {Shots[i].Seconds}");
            }
        }
    }

    /// <summary>The storyboard as <c>storyboard.json</c> holds it (the shape <see cref="Load"/> reads).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PortfolioJson.Output);
}
