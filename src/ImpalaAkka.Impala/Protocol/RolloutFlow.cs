using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// A rollout actor's flow control, without an actor, a worker or an environment: a credit window
/// (at most <c>maxInflight</c> rounds of K unrolls published and not consumed, where consumption
/// arrives as a cumulative count), optional lock-step (after each round, act again only once
/// parameters newer than the latest seen at its end arrive), one continue tick at a time, and an
/// outbox of unconfirmed unrolls published again after the confirm timeout.
/// </summary>
/// <remarks>
/// Inputs return what to do: <c>true</c> from <see cref="ParametersDelivered"/> and
/// <see cref="ConsumedTotal"/> (and <see cref="RoundOutcome.ScheduleContinue"/>) means "send
/// yourself the continue tick now"; one is outstanding until <see cref="Continue"/> is called.
/// A round runs from an acting <see cref="Continue"/> until <see cref="RoundFinished"/>; no tick is
/// scheduled meanwhile. Before the first parameters arrive the actor does not act, and no tick is
/// scheduled: the first delivery schedules one.
/// </remarks>
internal sealed class RolloutFlow
{
    private readonly int k;
    private readonly int maxInflight;
    private readonly bool sync;
    private readonly TimeSpan confirmTimeout;
    private readonly SortedDictionary<long, (Unroll Unroll, TimeSpan SentAt)> unconfirmed = new(); // by sequence number
    private PolicyParameters? pending;

    /// <param name="envsPerActor">K: unrolls per round.</param>
    /// <param name="maxInflight">Rounds that may be published and not yet consumed.</param>
    /// <param name="sync">Lock-step: wait for a new delivery after every round.</param>
    /// <param name="confirmTimeout">How long an unroll may stay unconfirmed before it is published again.</param>
    public RolloutFlow(int envsPerActor, int maxInflight, bool sync, TimeSpan confirmTimeout)
    {
        k = envsPerActor;
        this.maxInflight = maxInflight;
        this.sync = sync;
        this.confirmTimeout = confirmTimeout;
    }

    /// <summary>Whether the first parameters arrived (before that the actor only waits for them).</summary>
    public bool IsActing { get; private set; }

    /// <summary>Unrolls published so far (first publications only, not resends).</summary>
    public long Published { get; private set; }

    /// <summary>The highest cumulative consumed count the queue reported.</summary>
    public long Consumed { get; private set; }

    /// <summary>The highest <c>Latest</c> version any delivery reported; -1 before one.</summary>
    public long LatestSeen { get; private set; } = -1;

    /// <summary>Lock-step: the <see cref="LatestSeen"/> at the end of the last round; a delivery must report a newer one.</summary>
    public long WaitingFor { get; private set; } = -1;

    /// <summary>A continue tick is outstanding (sent and not yet handled).</summary>
    public bool ContinueScheduled { get; private set; }

    /// <summary>Lock-step: waiting for a delivery newer than <see cref="WaitingFor"/>.</summary>
    public bool AwaitingDelivery { get; private set; }

    /// <summary>A round is running (from an acting <see cref="Continue"/> to <see cref="RoundFinished"/>).</summary>
    public bool Computing { get; private set; }

    /// <summary>Unrolls published and not yet confirmed.</summary>
    public int UnconfirmedCount => unconfirmed.Count;

    /// <summary>How often to call <see cref="Resend"/>: half the confirm timeout (at least a tick); null when it is not positive (no resends).</summary>
    public TimeSpan? ResendInterval =>
        confirmTimeout > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Max(1, confirmTimeout.Ticks / 2)) : null;

    /// <summary>
    /// Parameters arrived (<c>ParameterDelivery</c>): they replace any not yet loaded. The first
    /// ones start acting; later ones end a lock-step wait when <paramref name="latest"/> is newer
    /// than the version awaited. Returns whether to schedule the continue tick.
    /// </summary>
    public bool ParametersDelivered(PolicyParameters parameters, long latest)
    {
        pending = parameters;
        LatestSeen = Math.Max(LatestSeen, latest);
        if (!IsActing)
        {
            IsActing = true;
            return ScheduleContinue();
        }
        if (AwaitingDelivery && LatestSeen > WaitingFor)
        {
            AwaitingDelivery = false;
            return ScheduleContinue();
        }
        return false;
    }

    /// <summary>The queue's cumulative consumed count (<c>ConsumedTotal</c>); an old or repeated one is ignored. Returns whether to schedule the continue tick.</summary>
    public bool ConsumedTotal(long count)
    {
        if (count <= Consumed) return false; // an old or repeated count
        Consumed = count;
        return ScheduleContinue();
    }

    /// <summary>
    /// The continue tick: act when acting has started, no round is running, no lock-step wait is
    /// on, and one more round fits the credit window. Acting takes the pending parameters to load
    /// and starts a round.
    /// </summary>
    public ContinueDecision Continue()
    {
        ContinueScheduled = false;
        if (!IsActing || Computing || AwaitingDelivery || Published - Consumed + k > (long)maxInflight * k)
        {
            return ContinueDecision.Wait; // a finished round, a delivery or a credit will schedule the next one
        }
        var load = pending;
        pending = null;
        Computing = true;
        return new ContinueDecision(true, load);
    }

    /// <summary>
    /// The round's <paramref name="unrolls"/> are ready at <paramref name="now"/>: each is kept
    /// until confirmed and is to be published, in order. Lock-step then waits for parameters newer
    /// than the latest seen; otherwise the next tick is scheduled.
    /// </summary>
    public RoundOutcome RoundFinished(IReadOnlyList<Unroll> unrolls, TimeSpan now)
    {
        Computing = false;
        foreach (var unroll in unrolls) unconfirmed[unroll.Producer.Sequence] = (unroll, now);
        Published += unrolls.Count;
        if (sync)
        {
            // Lock-step: act again only with parameters from a publish after this round.
            AwaitingDelivery = true;
            WaitingFor = LatestSeen;
            return new RoundOutcome(unrolls, false);
        }
        return new RoundOutcome(unrolls, ScheduleContinue());
    }

    /// <summary>The queue stored <paramref name="producer"/>'s unroll (<c>UnrollConfirmed</c>): forget it. Matched by sequence number.</summary>
    public void Confirmed(ProducerId producer) => unconfirmed.Remove(producer.Sequence);

    /// <summary>The unconfirmed unrolls sent at least the confirm timeout before <paramref name="now"/>, by sequence number: publish them again (their clock restarts now).</summary>
    public IReadOnlyList<Unroll> Resend(TimeSpan now)
    {
        var resend = new List<Unroll>();
        foreach (var (sequence, (unroll, sentAt)) in unconfirmed.ToList())
        {
            if (now - sentAt < confirmTimeout) continue;
            unconfirmed[sequence] = (unroll, now);
            resend.Add(unroll);
        }
        return resend;
    }

    private bool ScheduleContinue()
    {
        // Before the first parameters a tick has nothing to act with; an outstanding one would
        // stop the first delivery from scheduling its own (a credit can come first: a restarted
        // actor keeps its reference, so the queue credits it for its predecessor's unrolls).
        if (!IsActing || ContinueScheduled || AwaitingDelivery || Computing) return false;
        ContinueScheduled = true;
        return true;
    }
}
