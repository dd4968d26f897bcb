using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// A progress column of a fixed width, so the columns after it (the bars) start in the same place whatever the
/// labels say as they change; Spectre trims trailing spaces, so padding a label cannot do this.
/// </summary>
public sealed class FixedWidthColumn(ProgressColumn inner, int width) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => inner.Render(options, task, deltaTime);

    public override int? GetColumnWidth(RenderOptions options) => width;
}
