namespace ImpalaAkka.Actors;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the failing message and go on.</summary>
    Resume,

    /// <summary>Replace the actor by a fresh instance from its Props (after the strategy's back-off); the mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
