namespace ImpalaAkka.Environments;

/// <summary>The outcome of one step. <c>Terminated</c>: the episode ended in the MDP (no bootstrap); <c>Truncated</c>: cut by a time limit.</summary>
public readonly record struct StepResult(float Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}
