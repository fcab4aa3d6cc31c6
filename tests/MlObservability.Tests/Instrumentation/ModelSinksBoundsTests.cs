using MlObservability.Instrumentation;

namespace MlObservability.Tests.Instrumentation;

/// <summary>Past the model-name bound a decorator gets a detached, counted slot instead of an exception.</summary>
public sealed class ModelSinksBoundsTests
{
    [Test]
    public void A_decorator_past_the_bound_gets_a_detached_slot_and_is_counted()
    {
        long before = ModelSinks.OverflowCount;

        var slot = ModelSinks.GetSlot("bounds-decorator-" + Guid.NewGuid().ToString("N"), capacity: 0, throwWhenFull: false);

        Assert.Multiple(() =>
        {
            Assert.That(slot, Is.Not.Null);
            Assert.That(slot.HasInputs || slot.HasOutputs, Is.False);
            Assert.That(ModelSinks.IsRegistered(slot.ModelName), Is.False, "the directory did not grow");
            Assert.That(ModelSinks.OverflowCount, Is.GreaterThan(before));
        });
    }

    [Test]
    public void An_explicit_registration_past_the_bound_still_fails_with_what_to_fix()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelSinks.GetSlot("bounds-register-" + Guid.NewGuid().ToString("N"), capacity: 0, throwWhenFull: true));
        Assert.That(e!.Message, Does.Contain("Use a bounded set of model names"));
    }
}
