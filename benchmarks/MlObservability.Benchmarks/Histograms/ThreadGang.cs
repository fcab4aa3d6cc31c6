namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// A fixed set of pre-started threads that run one body in parallel per <see cref="Run"/> and then park. Starting
/// threads (or queueing to the pool) inside a benchmark would be measured; waking parked threads costs microseconds,
/// negligible next to the milliseconds of recording each run does. The caller blocks, so with one worker the
/// measurement is still one busy thread.
/// </summary>
internal sealed class ThreadGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;
    private readonly CountdownEvent _done;
    private Action<int>? _body;
    private volatile bool _stopping;

    public ThreadGang(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _go = new SemaphoreSlim[size];
        _threads = new Thread[size];
        _done = new CountdownEvent(size);
        for (int i = 0; i < size; i++)
        {
            int index = i;
            _go[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(() => Work(index)) { IsBackground = true, Name = $"bench-worker-{i}" };
            _threads[i].Start();
        }
    }

    public int Size => _threads.Length;

    /// <summary>Runs <paramref name="body"/>(worker index) on every worker at once and waits for all of them.</summary>
    public void Run(Action<int> body)
    {
        _body = body;
        _done.Reset(_threads.Length);
        foreach (var go in _go)
        {
            go.Release();
        }

        _done.Wait();
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var go in _go)
        {
            go.Release();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var go in _go)
        {
            go.Dispose();
        }

        _done.Dispose();
    }

    private void Work(int index)
    {
        while (true)
        {
            _go[index].Wait();
            if (_stopping)
            {
                return;
            }

            _body!(index);
            _done.Signal();
        }
    }
}
