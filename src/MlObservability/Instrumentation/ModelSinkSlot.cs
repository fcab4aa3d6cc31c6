namespace MlObservability.Instrumentation;

/// <summary>
/// The sinks registered for one model name. Copy-on-write arrays: the recording path reads them with one volatile
/// read and never locks.
/// </summary>
internal sealed class ModelSinkSlot(string modelName)
{
    private readonly object _gate = new();
    private IModelInputSink[] _inputs = [];
    private IModelOutputSink[] _outputs = [];

    public string ModelName { get; } = modelName;

    public IModelInputSink[] Inputs => Volatile.Read(ref _inputs);

    public IModelOutputSink[] Outputs => Volatile.Read(ref _outputs);

    public void Add(IModelInputSink? input, IModelOutputSink? output)
    {
        lock (_gate)
        {
            if (input is not null)
            {
                Volatile.Write(ref _inputs, [.. _inputs, input]);
            }

            if (output is not null)
            {
                Volatile.Write(ref _outputs, [.. _outputs, output]);
            }
        }
    }

    public void Remove(IModelInputSink? input, IModelOutputSink? output)
    {
        lock (_gate)
        {
            if (input is not null)
            {
                int index = Array.IndexOf(_inputs, input);
                if (index >= 0)
                {
                    var inputs = new List<IModelInputSink>(_inputs);
                    inputs.RemoveAt(index);
                    Volatile.Write(ref _inputs, inputs.ToArray());
                }
            }

            if (output is not null)
            {
                int index = Array.IndexOf(_outputs, output);
                if (index >= 0)
                {
                    var outputs = new List<IModelOutputSink>(_outputs);
                    outputs.RemoveAt(index);
                    Volatile.Write(ref _outputs, outputs.ToArray());
                }
            }
        }
    }
}
