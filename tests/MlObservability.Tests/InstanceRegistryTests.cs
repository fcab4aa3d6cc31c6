namespace MlObservability.Tests;

/// <summary>The registry behind observable instruments: O(1) adds (no array copy per add), consistent snapshots.</summary>
public sealed class InstanceRegistryTests
{
    [Test]
    public void Adding_many_instances_does_not_copy_the_list_on_each_add()
    {
        const int n = 20_000;
        var registry = new InstanceRegistry<object>();
        var items = Enumerable.Range(0, n).Select(_ => new object()).ToArray();

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var item in items)
        {
            registry.Add(item);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Copy-on-write allocates sum(8 i) = 8 n^2 / 2 = 1.6 GB for 20,000 adds; a set grows to a few MB at most.
        Assert.That(allocated, Is.LessThan(16L * 1024 * 1024), $"{allocated:N0} bytes for {n:N0} adds");
        Assert.That(registry.Items, Has.Length.EqualTo(n));
    }

    [Test]
    public void Items_reflect_adds_and_removes_and_stay_cached_between_changes()
    {
        var registry = new InstanceRegistry<string>();
        string a = new('a', 1), b = new('b', 1), c = new('c', 1);
        registry.Add(a);
        registry.Add(b);
        var first = registry.Items;
        Assert.That(registry.Items, Is.SameAs(first), "no change, no new array");

        registry.Add(c);
        registry.Remove(a);
        registry.Remove(a);
        registry.Add(b);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EquivalentTo(new[] { a, b }), "a snapshot handed out never changes");
            Assert.That(registry.Items, Is.EquivalentTo(new[] { b, c }));
            Assert.That(registry.Items, Has.Length.EqualTo(2));
        });
    }
}
