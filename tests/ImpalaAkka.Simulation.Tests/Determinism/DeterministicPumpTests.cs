using ImpalaAkka.Simulation.Determinism;

namespace ImpalaAkka.Simulation.Tests.Determinism;

public sealed class DeterministicPumpTests
{
    [Fact]
    public void RunUntilIdle_SameSetEnqueuedInDifferentOrders_RunsInTheSameOrder()
    {
        // The hash-order pitfall in miniature: Akka may enqueue the same mailboxes in a different
        // order in another process; the pick must not care.
        string[] keys = [.. Enumerable.Range(0, 20).Select(i => $"/user/parent/child-{i}")];
        var forward = RunOrder(seed: 5, keys);
        var backward = RunOrder(seed: 5, [.. keys.Reverse()]);
        var shuffled = RunOrder(seed: 5, [.. keys.OrderBy(k => k.Length).ThenByDescending(k => k, StringComparer.Ordinal)]);

        Assert.Equal(forward, backward);
        Assert.Equal(forward, shuffled);
        Assert.NotEqual(forward, RunOrder(seed: 6, keys));
    }

    [Fact]
    public void RunOne_NothingQueued_ReturnsFalse()
    {
        var pump = new DeterministicPump(0);

        Assert.False(pump.RunOne());
        Assert.Equal(0, pump.Steps);
    }

    [Fact]
    public void RunUntilIdle_WorkThatRequeuesItself_ThrowsAfterMaxSteps()
    {
        var pump = new DeterministicPump(0);
        Runnable? again = null;
        again = new Runnable(() => pump.Enqueue(again!, "/user/spin"));
        pump.Enqueue(again, "/user/spin");

        var error = Assert.Throws<InvalidOperationException>(() => pump.RunUntilIdle(maxSteps: 50));

        Assert.Contains("after 50 steps", error.Message, StringComparison.Ordinal);
        Assert.Equal(50, pump.Steps);
    }

    [Fact]
    public void RunOne_FromInsideARunnable_Throws()
    {
        var pump = new DeterministicPump(0);
        pump.Enqueue(new Runnable(() => pump.RunOne()), "/user/a");

        Assert.Throws<InvalidOperationException>(() => pump.RunOne());
    }

    [Fact]
    public void Enqueue_FromAnotherThread_IsCountedForeign()
    {
        var pump = new DeterministicPump(0);
        pump.Enqueue(new Runnable(() => { }), "/user/a");

        var other = new Thread(() => pump.Enqueue(new Runnable(() => { }), "/user/b"));
        other.Start();
        other.Join();

        Assert.Equal(1, pump.ForeignThreadEnqueues);
        Assert.Equal(2, pump.RunUntilIdle());
    }

    private static List<string> RunOrder(int seed, string[] keys)
    {
        var pump = new DeterministicPump(seed);
        var order = new List<string>();
        foreach (var key in keys) pump.Enqueue(new Runnable(() => order.Add(key)), key);
        pump.RunUntilIdle();
        return order;
    }
}
