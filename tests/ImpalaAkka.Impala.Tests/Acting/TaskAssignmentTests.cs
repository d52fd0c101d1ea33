using ImpalaAkka.Impala.Acting;

namespace ImpalaAkka.Impala.Tests.Acting;

public sealed class TaskAssignmentTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1, 1, 1, 1 }, 32, new[] { 7, 7, 6, 6, 6 })]
    [InlineData(new[] { 1.0, 1, 1, 1, 1 }, 40, new[] { 8, 8, 8, 8, 8 })]
    [InlineData(new[] { 1.0, 2 }, 10, new[] { 3, 7 })]
    [InlineData(new[] { 0.5, 0.25, 0.25 }, 8, new[] { 4, 2, 2 })]
    [InlineData(new[] { 1.0, 1, 1 }, 2, new[] { 1, 1, 0 })]
    [InlineData(new[] { 3.0 }, 5, new[] { 5 })]
    public void Counts_LargestRemainder_SumToTheSlotsAndStayWithinOneOfTheQuota(double[] shares, int slots, int[] expected)
    {
        var counts = TaskAssignment.Counts(shares, slots);
        Assert.Equal(expected, counts);
        Assert.Equal(slots, counts.Sum());
        for (var i = 0; i < shares.Length; i++) Assert.True(Math.Abs(counts[i] - slots * shares[i] / shares.Sum()) < 1, $"task {i}: {counts[i]} slots");
    }

    [Fact]
    public void Slots_LaidOutInTaskOrder()
    {
        Assert.Equal([0, 0, 1, 1, 1], TaskAssignment.Slots([1.0, 2], 5));
    }
}
