using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>
/// Finds a tensor among a run's arguments by name without allocating: indexers when the collections are lists (arrays,
/// <see cref="List{T}"/>), an enumerator otherwise.
/// </summary>
internal static class RunArguments
{
    public static OrtValue? FindValue(IReadOnlyCollection<string> names, IReadOnlyCollection<OrtValue> values, string name)
    {
        if (names is IReadOnlyList<string> nameList && values is IReadOnlyList<OrtValue> valueList)
        {
            int count = Math.Min(nameList.Count, valueList.Count);
            for (int i = 0; i < count; i++)
            {
                string candidate = nameList[i];
                if (ReferenceEquals(candidate, name) || string.Equals(candidate, name, StringComparison.Ordinal))
                {
                    return valueList[i];
                }
            }

            return null;
        }

        using var nameEnumerator = names.GetEnumerator();
        using var valueEnumerator = values.GetEnumerator();
        while (nameEnumerator.MoveNext() && valueEnumerator.MoveNext())
        {
            if (string.Equals(nameEnumerator.Current, name, StringComparison.Ordinal))
            {
                return valueEnumerator.Current;
            }
        }

        return null;
    }

    public static T? FindNamed<T>(IReadOnlyCollection<T> values, string name)
        where T : NamedOnnxValue
    {
        if (values is IReadOnlyList<T> list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i].Name, name, StringComparison.Ordinal))
                {
                    return list[i];
                }
            }

            return null;
        }

        foreach (var value in values)
        {
            if (string.Equals(value.Name, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    public static int NamedValueBatchSize(NamedOnnxValue? input)
    {
        var dimensions = input?.Value switch
        {
            Tensor<float> t => t.Dimensions,
            Tensor<double> t => t.Dimensions,
            Tensor<long> t => t.Dimensions,
            Tensor<int> t => t.Dimensions,
            Tensor<string> t => t.Dimensions,
            Tensor<bool> t => t.Dimensions,
            Tensor<byte> t => t.Dimensions,
            _ => default,
        };
        return dimensions.Length < 2 ? 1 : Math.Max(1, dimensions[0]);
    }
}
