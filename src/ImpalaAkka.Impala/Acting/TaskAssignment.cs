namespace ImpalaAkka.Impala.Acting;

/// <summary>
/// Which task each environment slot of a rollout node plays. A node has actors x K slots, numbered
/// actor-major (slot = actor * K + env). Task i gets floor(n * share_i / sum) slots, and the slots left
/// over go one each to the largest remainders (ties to the earlier task): Hamilton's apportionment, so
/// every count is within one of its exact quota and the counts sum to n. Slots are then laid out in
/// task order. The rule depends on the shares and n alone, not on the seed; every node splits alike.
/// </summary>
public static class TaskAssignment
{
    /// <summary>How many of <paramref name="slots"/> each task gets.</summary>
    public static int[] Counts(IReadOnlyList<double> shares, int slots)
    {
        var total = shares.Sum();
        var quotas = shares.Select(s => slots * s / total).ToArray();
        var counts = quotas.Select(q => (int)Math.Floor(q)).ToArray();
        var left = slots - counts.Sum();
        var byRemainder = Enumerable.Range(0, shares.Count).OrderByDescending(i => quotas[i] - counts[i]).ThenBy(i => i);
        foreach (var i in byRemainder.Take(left)) counts[i]++;
        return counts;
    }

    /// <summary>The task index of every slot, in slot order.</summary>
    public static int[] Slots(IReadOnlyList<double> shares, int slots)
    {
        var counts = Counts(shares, slots);
        return [.. counts.SelectMany((count, task) => Enumerable.Repeat(task, count))];
    }
}
