namespace ImpalaAkka.Actors;

/// <summary>
/// One-for-one supervision: each failing child is handled alone. The decider maps the exception to
/// a directive. A child that needs more than <see cref="MaxRetries"/> restarts within
/// <see cref="Window"/> gets <see cref="OnLimitExceeded"/> instead (Escalate unless set otherwise).
/// Restarts wait <c>Backoff(n)</c> for the n-th restart in the window (0 = immediately).
/// </summary>
public sealed record SupervisorStrategy(Func<Exception, Directive> Decider)
{
    public int MaxRetries { get; init; } = 10;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    public Directive OnLimitExceeded { get; init; } = Directive.Escalate;

    public Func<int, TimeSpan> Backoff { get; init; } = _ => TimeSpan.Zero;

    /// <summary>Restart on any exception, at most 10 times a minute, then escalate.</summary>
    public static readonly SupervisorStrategy Default = new(_ => Directive.Restart);

    /// <summary>Exponential back-off: <paramref name="initial"/> doubled per restart, capped at <paramref name="max"/>.</summary>
    public static Func<int, TimeSpan> Exponential(TimeSpan initial, TimeSpan max) =>
        n => TimeSpan.FromTicks(Math.Min(max.Ticks, initial.Ticks * (1L << Math.Min(n - 1, 30))));
}
