using System.Globalization;

namespace MlObservability.Drift;

/// <summary>Reads training data from a CSV file into a <see cref="ReferenceProfileBuilder"/>.</summary>
internal static class ReferenceProfileCsv
{
    public static ReferenceProfile Read(string path, ReferenceProfileOptions? options, IReadOnlyList<string>? columns, char separator)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"CSV file '{path}' is empty; it needs a header row of feature names.");
        var names = header.Split(separator).Select(n => n.Trim().Trim('"')).ToArray();
        var selected = columns ?? names;
        var positions = new int[selected.Count];
        for (var i = 0; i < selected.Count; i++)
        {
            positions[i] = Array.IndexOf(names, selected[i]);
            if (positions[i] < 0)
            {
                throw new InvalidDataException($"CSV file '{path}' has no column '{selected[i]}'; its columns are: {string.Join(", ", names)}.");
            }
        }

        var builder = new ReferenceProfileBuilder(selected, options);
        var row = new double[selected.Count];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(separator);
            for (var i = 0; i < positions.Length; i++)
            {
                var p = positions[i];
                row[i] = p < cells.Length && double.TryParse(cells[p].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : double.NaN;
            }

            builder.AddRow(row);
        }

        return builder.Build();
    }
}
