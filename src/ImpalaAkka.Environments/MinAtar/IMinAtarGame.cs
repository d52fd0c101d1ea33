namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// The rules of one MinAtar game on its 10 x 10 board, without sticky actions or action sets (those are
/// <see cref="MinAtarEnvironment"/>'s). Every random draw comes from the generator given to <see cref="Reset"/>,
/// in the order MinAtar makes it. Difficulty ramps as in MinAtar with <c>difficulty_ramping=True</c>.
/// </summary>
public interface IMinAtarGame
{
    /// <summary>The configuration name, e.g. <c>minatar-breakout</c>.</summary>
    string Name { get; }

    /// <summary>The observation's channel count C (its shape is [C, 10, 10]).</summary>
    int Channels { get; }

    /// <summary>MinAtar's minimal action set for this game, in MinAtar's order.</summary>
    IReadOnlyList<MinAtarAction> MinimalActions { get; }

    /// <summary>The bound on every episode's return, or null where the game's returns are unbounded.</summary>
    ReturnRange? Returns { get; }

    /// <summary>Starts an episode; keeps <paramref name="random"/> for the draws of later steps.</summary>
    void Reset(MinAtarRandom random);

    /// <summary>Advances one frame. Once the game is over, further calls change nothing and return (0, true).</summary>
    (int Reward, bool Terminal) Act(MinAtarAction action);

    /// <summary>Writes the board channel-major, [Channels, 10, 10]: 1 where a channel's cell is set, 0 elsewhere.</summary>
    void Write(Span<float> observation);
}
