using System.Globalization;

namespace MlObservability.Drift;

/// <summary>Reads training data from a CSV file (RFC 4180, streamed) into a <see cref="ReferenceProfileBuilder"/>.</summary>
internal static class ReferenceProfileCsv
{
    public static ReferenceProfile Read(string path, ReferenceProfileOptions? options, IReadOnlyList<string>? columns, char separator)
    {
        using var csv = new CsvRecordReader(new StreamReader(path, detectEncodingFromByteOrderMarks: true), path, separator);
        if (!csv.Read())
        {
            throw new InvalidDataException($"CSV file '{path}' is empty; it needs a header row of feature names.");
        }

        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = csv[i].Trim().ToString();
        }

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
        while (csv.Read())
        {
            for (var i = 0; i < positions.Length; i++)
            {
                var p = positions[i];
                row[i] = p < csv.FieldCount && double.TryParse(csv[p].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : double.NaN;
            }

            builder.AddRow(row);
        }

        return builder.Build();
    }
}
