using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImpalaAkka.Cli.EnvStats;
using ImpalaAkka.Config;
using ImpalaAkka.Environments;
using ImpalaAkka.Environments.MinAtar;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala env stats --env NAME [--episodes N] [--seed S] [--policy random|noop] [--actions full|minimal] [--json FILE]</c>:
/// return and length statistics of N episodes under a fixed policy (<see cref="EpisodeStatistics.Measure"/>),
/// printed as a table and optionally written as JSON (<see cref="EnvStatsReport"/>). Progress goes to the
/// error stream every <see cref="ProgressEvery"/>.
/// </summary>
internal static class EnvStatsCommand
{
    /// <summary>The most episodes one run plays.</summary>
    internal const int MaxEpisodes = 10_000_000;

    internal static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var env = new Option<string>("--env", "-e") { Description = $"environment: {string.Join(" | ", Environments.Environments.Names)}", Required = true };
        var episodes = new Option<int>("--episodes", "-n") { Description = $"episodes to play, 1..{MaxEpisodes:N0}", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "S >= 0: episode i is reset with seed S + i; the random policy draws from Rng.Derive(S)", DefaultValueFactory = _ => 0 };
        var policy = new Option<string>("--policy")
        {
            Description = "random (uniform over the action set) | noop (always action 0: MinAtar's none in both sets; CartPole push left, Catch move left)",
            DefaultValueFactory = _ => "random",
        };
        policy.AcceptOnlyFromAmong("random", "noop");
        var actions = new Option<string>("--actions")
        {
            Description = "full (all six MinAtar actions, the default; the only set of cartpole and catch) | minimal (the game's minimal set; minatar-* only)",
            DefaultValueFactory = _ => "full",
        };
        actions.AcceptOnlyFromAmong("full", "minimal");
        var json = new Option<FileInfo?>("--json") { Description = "also write the statistics as JSON to this file" };
        var command = new Command("stats", "Play N episodes with a random or no-op policy and print return and length statistics (mean, std, 95% CI, min, max).");
        foreach (var option in new Option[] { env, episodes, seed, policy, actions, json }) command.Options.Add(option);
        command.SetAction(result => Run(
            result.GetValue(env)!, result.GetValue(episodes), result.GetValue(seed),
            result.GetValue(policy) == "noop" ? EnvStatsPolicy.Noop : EnvStatsPolicy.Random,
            result.GetValue(actions) == "minimal" ? MinAtarActions.Minimal : MinAtarActions.Full,
            result.GetValue(json)?.FullName, output, error));
        return command;
    }

    internal static int Run(string name, int episodes, int seed, EnvStatsPolicy policy, MinAtarActions actions, string? jsonFile, TextWriter output, TextWriter error)
    {
        if (Refusal(name, episodes, seed, actions, jsonFile) is { } problem)
        {
            error.WriteLine($"impala env stats: {problem}");
            return CliApp.InvalidInput;
        }
        var environment = MinAtarEnvironment.GameOf(name) is { } game ? new MinAtarEnvironment(game, new MinAtarOptions(actions)) : Environments.Environments.Create(name);
        var policyName = policy == EnvStatsPolicy.Noop ? "noop" : "random";
        var actionsName = actions == MinAtarActions.Minimal ? "minimal" : "full";
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var statistics = EpisodeStatistics.Measure(environment, policy, seed, episodes, done =>
        {
            if (clock.Elapsed - lastReport < ProgressEvery) return;
            lastReport = clock.Elapsed;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"impala env stats: {done:N0}/{episodes:N0} episodes, {done / clock.Elapsed.TotalSeconds:N0} episodes/s"));
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala env stats: {name}, {episodes:N0} episodes (seeds {seed}..{seed + (long)episodes - 1}), policy {policyName}, {actionsName} actions ({environment.Spec.ActionCount}), {clock.Elapsed.TotalSeconds:F1} s"));
        output.WriteLine($"{"",-8} {"mean",12} {"std",12} {"sem",12} {"ci95_low",12} {"ci95_high",12} {"min",10} {"max",10} {"n",10}");
        Print("return", statistics.Return, output);
        Print("length", statistics.Length, output);
        if (jsonFile is not null)
        {
            var report = new EnvStatsReport(name, episodes, seed, policyName, actionsName, statistics.Return, statistics.Length);
            try
            {
                AtomicFile.Write(jsonFile, stream => JsonSerializer.Serialize(stream, report, Json));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"impala env stats: --json {jsonFile}: cannot write: {e.Message}");
                return CliApp.InvalidInput;
            }
            error.WriteLine($"impala env stats: wrote {jsonFile}");
        }
        return CliApp.Ok;
    }

    /// <summary>Why these arguments cannot run, naming the option; null when they can. Checked before any episode is played.</summary>
    private static string? Refusal(string name, int episodes, int seed, MinAtarActions actions, string? jsonFile)
    {
        var names = Environments.Environments.Names;
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            var hint = NameSuggestion.Closest(name, names) ?? names.FirstOrDefault(n => n.EndsWith("-" + name, StringComparison.Ordinal));
            return $"--env: unknown environment '{name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}; known: {string.Join(", ", names)}";
        }
        if (episodes is < 1 or > MaxEpisodes) return $"--episodes must be in 1..{MaxEpisodes}, got {episodes}";
        if (seed < 0) return $"--seed must be >= 0, got {seed}";
        if ((long)seed + episodes - 1 > int.MaxValue) return $"--seed {seed} with --episodes {episodes} runs past the largest seed ({int.MaxValue})";
        if (actions == MinAtarActions.Minimal && MinAtarEnvironment.GameOf(name) is null) return $"--actions minimal applies to minatar-* games only; {name} has one action set";
        if (jsonFile is not null)
        {
            // A folder is refused when the arguments are parsed (PathOptions), like every file option.
            var directory = Path.GetDirectoryName(Path.GetFullPath(jsonFile));
            if (directory is null || !Directory.Exists(directory)) return $"--json {jsonFile}: {directory} is not an existing folder";
        }
        return null;
    }

    private static void Print(string label, SampleSummary s, TextWriter output) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-8} {s.Mean,12:F4} {s.Std,12:F4} {s.Sem,12:F4} {s.Ci95Low,12:F4} {s.Ci95High,12:F4} {s.Min,10:G6} {s.Max,10:G6} {s.N,10}"));
}
