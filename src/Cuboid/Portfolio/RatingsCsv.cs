using nietras.SeparatedValues;

namespace Cuboid.Portfolio;

/// <summary>
/// Reads a ratings table (CSV, or TSV/semicolon-separated: Sep detects the separator from the header) with the
/// columns model, task, rating, date (or observed) and optionally source, in any order and any case. Quoted cells
/// may hold separators and quotes, as RFC 4180 allows.
/// </summary>
internal static class RatingsCsv
{
    public static List<(string? Model, string? Task, string? Rating, string? Date, string? Source)> Read(string text, string origin)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin} is empty");
        }

        var rows = new List<(string?, string?, string?, string?, string?)>();
        try
        {
            using var reader = Sep.Reader(o => o with
            {
                Unescape = true,
                Trim = SepTrim.All,
                ColNameComparer = StringComparer.OrdinalIgnoreCase,
                DisableColCountCheck = true,
            }).FromText(text);
            var header = reader.Header;
            int Col(string name) => header.TryIndexOf(name, out var index) ? index : -1;
            var (m, t, r, d, s) = (Col("model"), Col("task"), Col("rating"), Math.Max(Col("date"), Col("observed")), Col("source"));
            if (m < 0 || t < 0 || r < 0 || d < 0)
            {
                throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: a ratings CSV needs a header with model,task,rating,date (and optionally source)");
            }

            foreach (var row in reader)
            {
                var cells = new string?[row.ColCount];
                var blank = true;
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                    blank &= string.IsNullOrWhiteSpace(cells[i]);
                }

                if (!blank)
                {
                    rows.Add((At(cells, m), At(cells, t), At(cells, r), At(cells, d), At(cells, s)));
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw CuboidException.Input(CuboidErrorCodes.CatalogInvalid, $"{origin}: not a readable CSV ({e.Message})");
        }

        return rows;
    }

    private static string? At(string?[] cells, int index) => index >= 0 && index < cells.Length ? cells[index] : null;
}
