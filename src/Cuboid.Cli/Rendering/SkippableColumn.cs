using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// A progress column that draws nothing for a stage that will not run (its task's <see cref="ProgressTask.Tag"/> is
/// <see cref="Skipped"/>), so "skipped" is not shown beside an empty bar that looks stalled.
/// </summary>
public sealed class SkippableColumn(ProgressColumn inner) : ProgressColumn
{
    public static readonly object Skipped = new();

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        ReferenceEquals(task.Tag, Skipped) ? Text.Empty : inner.Render(options, task, deltaTime);

    public override int? GetColumnWidth(RenderOptions options) => inner.GetColumnWidth(options);
}
