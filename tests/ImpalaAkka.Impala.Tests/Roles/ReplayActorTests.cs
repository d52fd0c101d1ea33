using Akka.Actor;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class ReplayActorTests : RoleTestKit
{
    private const ulong Seed = 7;

    private IActorRef Replay(int capacity) => Sys.ActorOf(Props.Create(() => new ReplayActor(capacity, new Rng(Seed))), "replay");

    private List<long> Sample(IActorRef replay, int count)
    {
        replay.Tell(new SampleUnrolls(count), TestActor);
        return ExpectMsg<SampledUnrolls>().Unrolls.Select(u => u.Producer.Sequence).ToList();
    }

    /// <summary>What a replay with <paramref name="slots"/> (buffer order) answers with the same seed: slot NextInt(size) per draw.</summary>
    private static List<long> Expected(long[] slots, params int[] counts)
    {
        var rng = new Rng(Seed);
        return counts.SelectMany(count => Enumerable.Range(0, count).Select(_ => slots[rng.NextInt(slots.Length)])).ToList();
    }

    [Fact]
    public void Sample_FewerStoredThanAsked_AnswersEmptyUntilEnoughAreStored()
    {
        var replay = Replay(capacity: 4);
        Assert.Empty(Sample(replay, 1));

        replay.Tell(new StoreUnroll(TestUnrolls.Of(0)));
        Assert.Empty(Sample(replay, 2));
        replay.Tell(new StoreUnroll(TestUnrolls.Of(1)));

        // The empty answers drew nothing from the generator.
        Assert.Equal(Expected([0, 1], 2), Sample(replay, 2));
        Assert.Empty(Sample(replay, 0));
    }

    [Fact]
    public void Store_AtCapacity_OverwritesTheOldestFirst()
    {
        var replay = Replay(capacity: 2);
        for (var s = 0; s < 3; s++) replay.Tell(new StoreUnroll(TestUnrolls.Of(s)));

        // Unroll 2 took the slot of unroll 0, the oldest; a request for more than capacity is never met.
        var got = Enumerable.Range(0, 10).SelectMany(_ => Sample(replay, 2)).ToList();
        Assert.Equal(Expected([2, 1], Enumerable.Repeat(2, 10).ToArray()), got);
        Assert.Equal([1L, 2], got.Distinct().Order());
        Assert.Empty(Sample(replay, 3));
    }
}
