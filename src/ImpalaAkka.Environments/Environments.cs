namespace ImpalaAkka.Environments;

/// <summary>Creates environments by their configuration name.</summary>
public static class Environments
{
    public static readonly IReadOnlyList<string> Names = ["cartpole", "catch"];

    public static IEnvironment Create(string name) => name switch
    {
        "cartpole" => new CartPole(),
        "catch" => new Catch(),
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    public static EnvironmentSpec SpecOf(string name) => Create(name).Spec;
}
