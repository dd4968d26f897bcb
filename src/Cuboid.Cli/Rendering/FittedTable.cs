using System.Text;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// A plain-text table that fits a width without ever splitting an id or a number. When the natural table is too
/// wide it gives way in this order: short headers, long reasons moved onto their own line beneath the row, prose
/// wrapped at spaces, then whole columns left out from the lowest priority up (named in a closing note). Lines
/// carry no trailing spaces, so a pipe gets no padding.
/// </summary>
public sealed class FittedTable
{
    private const int Gap = 2;
    private const string Indent = "    ";

    // A prose column narrower than this reads one word per line.
    private const int ProseMinimum = 16;

    private readonly List<FittedColumn> _columns = [];
    private readonly List<string[]> _rows = [];

    public FittedTable(params FittedColumn[] columns) => _columns.AddRange(columns);

    public FittedTable AddRow(params string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"a row needs {_columns.Count} cells, not {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table to the console at its width (unlimited when piped without <c>COLUMNS</c>).</summary>
    public void Write(CliConsole console)
    {
        foreach (var line in Lines(console.Width))
        {
            console.Out.WriteLine(line);
        }
    }

    /// <summary>The table's lines at <paramref name="width"/> columns; null for no limit.</summary>
    public IReadOnlyList<string> Lines(int? width) => Render(Choose(width), width);

    private Layout Choose(int? width)
    {
        var all = Enumerable.Range(0, _columns.Count).ToList();
        var natural = new Layout(all, ShortHeaders: false, ReasonsBelow: false, new Dictionary<int, int>());
        if (width is not { } limit)
        {
            return natural;
        }

        foreach (var candidate in new[] { natural, natural with { ShortHeaders = true }, natural with { ShortHeaders = true, ReasonsBelow = true } })
        {
            if (TryFit(candidate, limit) is { } fitted)
            {
                return fitted;
            }
        }

        // Leave out whole columns, least useful first, until the rest fits.
        var visible = all.Where(i => _columns[i].Fit != ColumnFit.OwnLine).ToList();
        var below = new Layout(all, ShortHeaders: true, ReasonsBelow: true, new Dictionary<int, int>());
        var dropOrder = visible.Where(i => !_columns[i].Keep).OrderBy(i => _columns[i].Priority).ThenByDescending(i => i).ToList();
        foreach (var drop in dropOrder)
        {
            below = below with { Shown = [.. below.Shown.Where(i => i != drop)] };
            if (TryFit(below, limit) is { } fitted)
            {
                return fitted;
            }
        }

        // Only kept columns remain and they are still too wide: show them whole rather than split them.
        return below with { Widths = InlineColumns(below).ToDictionary(i => i, i => NaturalWidth(i, below.ShortHeaders)) };
    }

    private Layout? TryFit(Layout layout, int width)
    {
        var inline = InlineColumns(layout).ToList();
        var widths = new Dictionary<int, int>();
        var used = Gap * Math.Max(inline.Count - 1, 0);
        var prose = new List<int>();
        foreach (var i in inline)
        {
            if (_columns[i].Fit == ColumnFit.Words && layout.ReasonsBelow)
            {
                prose.Add(i);
                widths[i] = ProseMinimumWidth(i, layout.ShortHeaders);
            }
            else
            {
                widths[i] = NaturalWidth(i, layout.ShortHeaders);
            }

            used += widths[i];
        }

        if (used > width)
        {
            return null;
        }

        // Give the room that is left to prose columns, in order, up to their natural width.
        var spare = width - used;
        foreach (var i in prose)
        {
            var grow = Math.Min(spare, NaturalWidth(i, layout.ShortHeaders) - widths[i]);
            widths[i] += grow;
            spare -= grow;
        }

        return layout with { Widths = widths };
    }

    private IEnumerable<int> InlineColumns(Layout layout) =>
        layout.Shown.Where(i => !(layout.ReasonsBelow && _columns[i].Fit == ColumnFit.OwnLine));

    private string HeaderOf(int column, bool shortHeaders) =>
        shortHeaders && _columns[column].ShortHeader is { } brief ? brief : _columns[column].Header;

    private int NaturalWidth(int column, bool shortHeaders) =>
        _rows.Select(r => r[column].Length).Append(HeaderOf(column, shortHeaders).Length).Max();

    private int ProseMinimumWidth(int column, bool shortHeaders)
    {
        var longestWord = _rows.SelectMany(r => Words(r[column])).Append(HeaderOf(column, shortHeaders)).Max(w => w.Length);
        return Math.Max(longestWord, Math.Min(ProseMinimum, NaturalWidth(column, shortHeaders)));
    }

    private List<string> Render(Layout layout, int? width)
    {
        var inline = InlineColumns(layout).ToList();
        var widths = layout.Widths.Count > 0 ? layout.Widths : inline.ToDictionary(i => i, i => NaturalWidth(i, layout.ShortHeaders)).AsReadOnly();
        var lines = new List<string>();
        lines.AddRange(RowLines(inline.Select(i => HeaderOf(i, layout.ShortHeaders)).ToArray(), inline, widths));
        lines.Add(new string('─', inline.Sum(i => widths[i]) + (Gap * Math.Max(inline.Count - 1, 0))));
        var below = layout.ReasonsBelow ? layout.Shown.Where(i => _columns[i].Fit == ColumnFit.OwnLine).ToList() : [];
        foreach (var row in _rows)
        {
            lines.AddRange(RowLines([.. inline.Select(i => row[i])], inline, widths));
            foreach (var i in below.Where(i => row[i].Length > 0))
            {
                var reason = $"{_columns[i].Header}: {row[i]}";
                lines.AddRange(WrappedText.Wrap(reason, width is { } w ? Math.Max(w - Indent.Length, 1) : null).Select(l => Indent + l));
            }
        }

        var hidden = _columns.Where((_, i) => !layout.Shown.Contains(i)).Select(c => c.Header).ToList();
        if (hidden.Count > 0)
        {
            var note = $"(not shown at {width} columns: {string.Join(", ", hidden)}; widen the terminal or use --json)";
            lines.AddRange(WrappedText.Wrap(note, width));
        }

        return lines;
    }

    private IEnumerable<string> RowLines(string[] cells, List<int> columns, IReadOnlyDictionary<int, int> widths)
    {
        var wrapped = cells.Select((cell, k) => _columns[columns[k]].Fit == ColumnFit.Words ? WrappedText.Wrap(cell, widths[columns[k]]) : [cell]).ToList();
        var height = wrapped.Max(w => w.Count);
        for (var line = 0; line < height; line++)
        {
            var text = new StringBuilder();
            for (var k = 0; k < columns.Count; k++)
            {
                var cell = line < wrapped[k].Count ? wrapped[k][line] : string.Empty;
                var w = widths[columns[k]];
                text.Append(_columns[columns[k]].RightAligned ? cell.PadLeft(w) : cell.PadRight(w));
                if (k < columns.Count - 1)
                {
                    text.Append(' ', Gap);
                }
            }

            yield return text.ToString().TrimEnd();
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Which columns are shown, how headers and reasons are laid out, and each inline column's width once fitted.</summary>
    private sealed record Layout(IReadOnlyList<int> Shown, bool ShortHeaders, bool ReasonsBelow, IReadOnlyDictionary<int, int> Widths);
}
