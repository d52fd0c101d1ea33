namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// A MinAtar game as an <see cref="IEnvironment"/>, as MinAtar's <c>Environment</c> wraps one: each step first
/// draws u ~ U[0, 1) and, when u is below the sticky probability, plays the previous action instead of the
/// chosen one; then the game moves one frame. An action is an index into the chosen action set (six for
/// <see cref="MinAtarActions.Full"/>). Observations are [C, 10, 10], 0/1. Game over is <c>Terminated</c>; no
/// episode is truncated (Freeway's clock is part of its game). One generator, seeded by <see cref="Reset"/>,
/// serves the sticky draws and the game, so seed s with MinAtar's <c>env.seed(s)</c> gives MinAtar's trajectory.
/// Unlike MinAtar, <see cref="Reset"/> forgets the previous action (it becomes <see cref="MinAtarAction.None"/>,
/// MinAtar's initial one), so an episode depends on its seed and actions alone.
/// </summary>
public sealed class MinAtarEnvironment : IEnvironment
{
    public static readonly IReadOnlyList<string> Names =
        ["minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"];

    private static readonly MinAtarAction[] FullActions =
        [MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down, MinAtarAction.Fire];

    private readonly MinAtarAction[] actions;
    private readonly double stickyProbability;
    private readonly MinAtarRandom random = new(0);

    public MinAtarEnvironment(IMinAtarGame game, MinAtarOptions? options = null)
    {
        options ??= MinAtarOptions.Default;
        if (options.StickyActionProbability is < 0 or > 1 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StickyActionProbability, "the sticky action probability lies in [0, 1]");
        }
        Game = game;
        actions = options.Actions == MinAtarActions.Full ? FullActions : [.. game.MinimalActions];
        stickyProbability = options.StickyActionProbability;
        Spec = new EnvironmentSpec(game.Name, [game.Channels, MinAtarBoard.Size, MinAtarBoard.Size], actions.Length, game.Returns);
    }

    /// <summary>The game's rules and state (tests set positions through it); <see cref="Reset"/> restarts it.</summary>
    public IMinAtarGame Game { get; }

    public EnvironmentSpec Spec { get; }

    /// <summary>The MinAtar action each index of <see cref="IEnvironment.Step"/> plays.</summary>
    public IReadOnlyList<MinAtarAction> Actions => actions;

    /// <summary>The action the last step played (after stickiness); a sticky step plays it again.</summary>
    public MinAtarAction LastAction { get; private set; }

    /// <summary>The game named <paramref name="name"/> (one of <see cref="Names"/>), or null for another name.</summary>
    public static IMinAtarGame? GameOf(string name) => name switch
    {
        "minatar-asterix" => new Asterix(),
        "minatar-breakout" => new Breakout(),
        "minatar-freeway" => new Freeway(),
        "minatar-seaquest" => new Seaquest(),
        "minatar-space-invaders" => new SpaceInvaders(),
        _ => null,
    };

    /// <summary>The game named <paramref name="name"/> with <paramref name="options"/> (e.g. its minimal action set).</summary>
    public static MinAtarEnvironment Create(string name, MinAtarOptions? options = null) =>
        new(GameOf(name) ?? throw new ArgumentException($"unknown MinAtar game '{name}' (known: {string.Join(", ", Names)})", nameof(name)), options);

    /// <summary>Seeds the one generator with (uint)<paramref name="seed"/>, as numpy's <c>RandomState</c>.</summary>
    public void Reset(int seed, Span<float> observation)
    {
        random.Seed(unchecked((uint)seed));
        LastAction = MinAtarAction.None;
        Game.Reset(random);
        Game.Write(observation);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if ((uint)action >= (uint)actions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, $"{Spec.Name} takes actions 0 to {actions.Length - 1}");
        }
        var played = random.Rand() < stickyProbability ? LastAction : actions[action];
        LastAction = played;
        var (reward, terminal) = Game.Act(played);
        Game.Write(observation);
        return new StepResult(reward, terminal, Truncated: false);
    }
}
