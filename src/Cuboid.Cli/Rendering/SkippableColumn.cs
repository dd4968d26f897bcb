using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// A progress column that draws no bar for a stage that will not run (its task's <see cref="ProgressTask.Tag"/> is
/// a <see cref="SkippedStage"/>): the bar column says "skipped (why)" instead, the others stay empty, so a skipped
/// stage never looks like a stalled 0 % bar.
/// </summary>
public sealed class SkippableColumn(ProgressColumn inner, bool saysWhy = false) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => task.Tag switch
    {
        SkippedStage skipped when saysWhy => new Text($"skipped ({skipped.Why})"),
        SkippedStage => Text.Empty,
        _ => inner.Render(options, task, deltaTime),
    };

    public override int? GetColumnWidth(RenderOptions options) => inner.GetColumnWidth(options);
}
