using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Cli.Bench;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala bench</c>: measures the binding and network costs on this machine and prints a table.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "minimum measuring time per case",
            DefaultValueFactory = _ => 1.0,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch intra-op threads, 1..256 (default 1, as learner.threads)",
            DefaultValueFactory = _ => 1,
        };
        var only = new Option<string>("--only")
        {
            Description = "torch (TorchSharp call and network costs) | env (steps/s of each environment alone, random actions) | impala (env, then rollout, learner, end-to-end frames/s) | learner (our learner step on MinAtar's conv net, by phase, against bare TorchSharp) | all",
            DefaultValueFactory = _ => "all",
        };
        only.AcceptOnlyFromAmong("torch", "env", "impala", "learner", "all");
        var oneDnn = new Option<bool>("--onednn")
        {
            Description = "let libtorch's CPU kernels use oneDNN: true (default, as learner.onednn) | false",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("bench", "Measure the binding, the networks, and each IMPALA component's frames/s on this machine.");
        command.Options.Add(seconds);
        command.Options.Add(threads);
        command.Options.Add(only);
        command.Options.Add(oneDnn);
        command.Subcommands.Add(BenchClusterCommand.Create(output, error));
        command.SetAction(result =>
        {
            var time = result.GetValue(seconds);
            if (!(time > 0 && time <= 600))
            {
                error.WriteLine($"impala bench: --seconds must be in (0, 600], got {time}");
                return CliApp.InvalidInput;
            }
            var count = result.GetValue(threads);
            if (count is not (>= 1 and <= 256))
            {
                error.WriteLine($"impala bench: --threads must be in 1..256, got {count}");
                return CliApp.InvalidInput;
            }
            var useOneDnn = result.GetValue(oneDnn);
            TorchRuntime.Configure(count, oneDnn: useOneDnn);
            return Run(TimeSpan.FromSeconds(time), result.GetValue(only)!, useOneDnn, output);
        });
        return command;
    }

    private static int Run(TimeSpan time, string only, bool oneDnn, TextWriter output)
    {
        output.WriteLine($"libtorch {TorchRuntime.LibtorchVersion} (TorchSharp), {TorchRuntime.Threads} intra-op threads, {Environment.ProcessorCount} cores");
        var printedHeader = false;
        void Print(BenchResult row)
        {
            if (!printedHeader)
            {
                output.WriteLine($"CPU kernels: {TorchRuntime.CpuBackends()}; oneDNN in use: {(TorchRuntime.OneDnnEnabled == true ? "yes" : "no")}");
                output.WriteLine($"{"case",-58} {"value",16} {"iterations",12}");
                printedHeader = true;
            }
            var format = row.Value >= 1000 ? "N0" : "F3";
            output.WriteLine($"{row.Name,-58} {row.Value.ToString(format, CultureInfo.InvariantCulture),12} {row.Unit,-8} {row.Iterations,12}");
        }
        if (only is "torch" or "all")
        {
            foreach (var row in new TorchBench(time).Run()) Print(row);
        }
        if (only is "env")
        {
            foreach (var row in new EnvironmentBench(time).Run()) Print(row);
        }
        ImpalaSettings cartpole, catchSettings, minAtar;
        try
        {
            // The end-to-end case configures libtorch from these settings, so they carry the flag.
            string[] flag = [$"impala.learner.onednn={(oneDnn ? "true" : "false")}"];
            cartpole = SettingsLoader.Load(RepositoryFile("hocon/cartpole.conf"), flag);
            catchSettings = SettingsLoader.Load(RepositoryFile("hocon/catch.conf"), flag);
            // MinAtar's network on a MinAtar batch, T and B as reference.conf's learner takes them.
            minAtar = SettingsLoader.Load(null, [.. flag, "impala.env.name=minatar-breakout", "impala.model.kind=conv"]);
        }
        catch (ConfigException e)
        {
            output.WriteLine($"impala bench: {e.Message}");
            return CliApp.InvalidInput;
        }
        if (only is "impala" or "all")
        {
            foreach (var row in new ImpalaBench(time, cartpole, catchSettings).Run(output.WriteLine)) Print(row);
        }
        if (only is "learner" or "impala" or "all")
        {
            foreach (var row in new LearnerStepBench(time, minAtar).Run(output.WriteLine)) Print(row);
        }
        return CliApp.Ok;
    }

    /// <summary>A file of the repository (the bench measures the shipped configs), found from the working directory.</summary>
    private static string RepositoryFile(string relative)
    {
        var path = Path.GetFullPath(relative);
        return File.Exists(path) ? path : throw new ConfigException($"{relative}: not found; run impala bench from the repository root");
    }
}
