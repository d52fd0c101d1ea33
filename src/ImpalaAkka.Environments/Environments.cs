using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments;

/// <summary>
/// Creates environments by their configuration name. MinAtar games come with MinAtar's defaults (all six
/// actions, sticky probability 0.1); <see cref="MinAtarEnvironment.Create"/> takes other options.
/// </summary>
public static class Environments
{
    public static readonly IReadOnlyList<string> Names = ["cartpole", "catch", .. MinAtarEnvironment.Names];

    public static IEnvironment Create(string name) => name switch
    {
        "cartpole" => new CartPole(),
        "catch" => new Catch(),
        _ when MinAtarEnvironment.GameOf(name) is { } game => new MinAtarEnvironment(game),
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    public static EnvironmentSpec SpecOf(string name) => Create(name).Spec;
}
