using Microsoft.Extensions.DependencyInjection;

namespace MlObservability.Generators.Tests.Runtime;

public sealed class ServiceCollectionTests
{
    [Test]
    public void AddInstrumented_resolves_the_decorator_around_the_implementation()
    {
        using var provider = new ServiceCollection()
            .AddInstrumented<IShapeService, ShapeService>()
            .AddInstrumented<IShapeService, ShapeService>() // twice is harmless
            .BuildServiceProvider();

        var service = provider.GetRequiredService<IShapeService>();

        Assert.Multiple(() =>
        {
            Assert.That(service, Is.InstanceOf<InstrumentedShapeService>());
            Assert.That(((InstrumentedShapeService)service).Inner, Is.SameAs(provider.GetRequiredService<ShapeService>()));
            Assert.That(provider.GetServices<IShapeService>().Count(), Is.EqualTo(1));
            Assert.That(service.Add(2, 3), Is.EqualTo(5));
        });
    }

    [Test]
    public void AddInstrumented_uses_the_class_decorator_for_an_instrumented_implementation()
    {
        using var provider = new ServiceCollection().AddInstrumented<IRanker, Ranker>(ServiceLifetime.Scoped).BuildServiceProvider();
        using var scope = provider.CreateScope();

        var ranker = scope.ServiceProvider.GetRequiredService<IRanker>();

        Assert.That(ranker, Is.InstanceOf<InstrumentedRanker>());
    }

    [Test]
    public void DecorateWithInstrumentation_wraps_an_existing_registration_and_keeps_its_lifetime()
    {
        var services = new ServiceCollection();
        services.AddTransient<IPartlyInstrumented>(_ => new PartlyInstrumented());
        services.DecorateWithInstrumentation<IPartlyInstrumented>();
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IPartlyInstrumented>();
        var second = provider.GetRequiredService<IPartlyInstrumented>();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.InstanceOf<InstrumentedPartlyInstrumented>());
            Assert.That(first, Is.Not.SameAs(second), "transient stays transient");
            Assert.That(first.Scored(1), Is.EqualTo(2));
        });
    }

    [Test]
    public void DecorateWithInstrumentation_of_a_type_registration_builds_the_implementation()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IShapeService, ShapeService>();
        services.DecorateWithInstrumentation<IShapeService>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IShapeService>(), Is.InstanceOf<InstrumentedShapeService>());
    }

    [Test]
    public void DecorateWithInstrumentation_without_a_registration_says_what_to_fix()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().DecorateWithInstrumentation<IShapeService>());

        Assert.That(ex!.Message, Does.Contain("register the service before decorating it"));
    }

    [Test]
    public void A_service_without_a_decorator_is_refused_at_resolution()
    {
        using var provider = new ServiceCollection().AddInstrumented<IUnrelated, UnrelatedService>().BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IUnrelated>(), Throws.InvalidOperationException.With.Message.Contains("has no [Instrumented] decorator"));
    }
}

public interface IUnrelated
{
    int Value { get; }
}

public sealed class UnrelatedService : IUnrelated
{
    public int Value => 1;
}
