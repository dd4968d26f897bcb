using System.Text;

namespace Cuboid.Cli.Rendering;

/// <summary>Prose wrapped at spaces to a width, never inside a word (an id, a number, a path longer than the width stands alone, whole).</summary>
public static class WrappedText
{
    public static List<string> Wrap(string text, int? width)
    {
        var limit = width ?? int.MaxValue;
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > limit)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(current.ToString());
        return lines;
    }

    /// <summary>
    /// Writes <paramref name="label"/> as given (its padding kept), then <paramref name="text"/> wrapped to the console's
    /// width with continuation lines under the text, so a column of labels stays a column.
    /// </summary>
    public static void WriteLabelled(CliConsole console, string label, string text)
    {
        var lines = Wrap(text, console.Width is { } w ? Math.Max(w - label.Length, 1) : null);
        for (var i = 0; i < lines.Count; i++)
        {
            console.Out.WriteLine((i == 0 ? label : new string(' ', label.Length)) + lines[i]);
        }
    }

    /// <summary>Writes <paramref name="text"/> wrapped to the console's width; continuation lines are indented by <paramref name="hangingIndent"/> spaces more.</summary>
    public static void WriteLine(CliConsole console, string text, int indent = 0, int hangingIndent = 0)
    {
        var lines = Wrap(text, console.Width is { } w ? Math.Max(w - indent - hangingIndent, 1) : null);
        for (var i = 0; i < lines.Count; i++)
        {
            console.Out.WriteLine(new string(' ', indent + (i > 0 ? hangingIndent : 0)) + lines[i]);
        }
    }
}
