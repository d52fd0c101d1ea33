namespace ImpalaAkka.Actors;

/// <summary>Runs actors that have work. An actor is never run by two threads at once.</summary>
public interface IDispatcher
{
    /// <summary>Called when <paramref name="work"/> has messages and is not already scheduled; must eventually call <see cref="IRunnable.Run"/>.</summary>
    void Schedule(IRunnable work);
}

/// <summary>Something a dispatcher runs: processes up to <paramref name="budget"/> messages and says whether it has more.</summary>
public interface IRunnable
{
    void Run(int budget);
}
