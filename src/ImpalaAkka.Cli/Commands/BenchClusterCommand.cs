using System.CommandLine;
using ImpalaAkka.Cli.Bench;
using ImpalaAkka.Cluster;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala bench cluster</c>: our cluster data path beside raw Akka remoting, and the parameter broadcast's latency, in one process.</summary>
internal static class BenchClusterCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "measuring time per case after the warm-up, sampled in 1 s windows (the median is reported)",
            DefaultValueFactory = _ => 5.0,
        };
        var warmup = new Option<double>("--warmup")
        {
            Description = "seconds each case runs before measuring",
            DefaultValueFactory = _ => 1.0,
        };
        var window = new Option<int>("--window")
        {
            Description = "unrolls a producer keeps unconsumed (ours) or unacknowledged (raw); also the learner's prefetch (default 64 = 2 x learner.batch-size, as the learner asks)",
            DefaultValueFactory = _ => 64,
        };
        var rate = new Option<double>("--publish-rate")
        {
            Description = "parameter versions published per second in the broadcast latency case",
            DefaultValueFactory = _ => 50.0,
        };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key, e.g. impala.cluster.max-message-bytes=32MiB (repeatable)" };
        var command = new Command("cluster", "Unrolls/s and MB/s through outbox -> inbox -> learner beside raw Akka remoting of the same payload, and parameter broadcast latency, over 127.0.0.1.");
        foreach (var option in new Option[] { seconds, warmup, window, rate, sets }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var measure = result.GetValue(seconds);
            var warm = result.GetValue(warmup);
            var k = result.GetValue(window);
            var publishes = result.GetValue(rate);
            string? invalid = (measure, warm, k, publishes) switch
            {
                _ when !(measure > 0 && measure <= 600) => $"--seconds must be in (0, 600], got {measure}",
                _ when !(warm >= 0 && warm <= 60) => $"--warmup must be in [0, 60], got {warm}",
                _ when k is < 1 or > 100_000 => $"--window must be in 1..100000, got {k}",
                _ when !(publishes > 0 && publishes <= 1000) => $"--publish-rate must be in (0, 1000], got {publishes}",
                _ => null,
            };
            if (invalid is not null)
            {
                error.WriteLine($"impala bench cluster: {invalid}");
                return CliApp.InvalidInput;
            }
            ClusterSettings cluster;
            try
            {
                // Any free port: the bench's two systems find each other by the addresses they bound.
                cluster = ClusterSettings.Bind(SettingsLoader.LoadConfig(null, [.. result.GetValue(sets) ?? [], "impala.cluster.port=0"]));
            }
            catch (ConfigException e)
            {
                error.WriteLine($"impala bench cluster: {e.Message}");
                return CliApp.InvalidInput;
            }
            var options = new ClusterBench.Options(TimeSpan.FromSeconds(measure), TimeSpan.FromSeconds(warm), k, publishes);
            new ClusterBench(cluster, options).Run(output.WriteLine);
            return CliApp.Ok;
        });
        return command;
    }
}
