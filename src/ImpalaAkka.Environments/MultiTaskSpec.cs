namespace ImpalaAkka.Environments;

/// <summary>The one observation shape and action set an agent shared by several tasks sees.</summary>
public static class MultiTaskSpec
{
    /// <summary>The spec named <paramref name="name"/> whose observations are [max C, H, W] over <paramref name="tasks"/> (see <see cref="ChannelPaddedEnvironment"/>).</summary>
    /// <exception cref="ArgumentException">The tasks differ in anything but their channel count: rank, H, W or the number of actions.</exception>
    public static EnvironmentSpec Of(string name, IReadOnlyList<EnvironmentSpec> tasks)
    {
        var first = tasks[0];
        foreach (var task in tasks)
        {
            if (task.ObservationShape.Length != 3 || !task.ObservationShape.AsSpan(1).SequenceEqual(first.ObservationShape.AsSpan(1)))
            {
                throw new ArgumentException($"observations must be [C, H, W] with the same H and W: {Describe(first)}, {Describe(task)}");
            }
            if (task.ActionCount != first.ActionCount)
            {
                throw new ArgumentException($"every task needs the same action count: {first.Name} has {first.ActionCount}, {task.Name} has {task.ActionCount}");
            }
        }
        int[] shape = [tasks.Max(t => t.ObservationShape[0]), first.ObservationShape[1], first.ObservationShape[2]];
        return new EnvironmentSpec(name, shape, first.ActionCount);
    }

    private static string Describe(EnvironmentSpec s) => $"{s.Name} [{string.Join(", ", s.ObservationShape)}]";
}
