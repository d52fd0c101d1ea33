namespace ImpalaAkka.Actors;

/// <summary>Monotonic time as seen by actors; injected so tests and simulations can run on virtual time.</summary>
public interface IClock
{
    /// <summary>Time since an arbitrary fixed origin.</summary>
    TimeSpan Now { get; }
}
