using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Cli.Bench;
using ImpalaAkka.Torch;

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
        var threads = new Option<int?>("--threads")
        {
            Description = "libtorch intra-op threads (default: libtorch's choice)",
        };
        var command = new Command("bench", "Measure P/Invoke overhead and forward+backward time of the MLP and conv nets on this machine.");
        command.Options.Add(seconds);
        command.Options.Add(threads);
        command.SetAction(result =>
        {
            var time = result.GetValue(seconds);
            if (!(time > 0 && time <= 600))
            {
                error.WriteLine($"impala bench: --seconds must be in (0, 600], got {time}");
                return CliApp.InvalidInput;
            }
            if (result.GetValue(threads) is { } count)
            {
                if (count < 1)
                {
                    error.WriteLine($"impala bench: --threads must be >= 1, got {count}");
                    return CliApp.InvalidInput;
                }
                Libtorch.NumThreads = count;
            }
            return Run(TimeSpan.FromSeconds(time), output);
        });
        return command;
    }

    private static int Run(TimeSpan time, TextWriter output)
    {
        output.WriteLine($"libtorch {Libtorch.Version}, {Libtorch.NumThreads} intra-op threads, {Environment.ProcessorCount} cores");
        var rows = new TorchBench(time).Run();
        var first = true;
        foreach (var row in rows)
        {
            if (first)
            {
                output.WriteLine($"BLAS: {TorchBench.LoadedBlas()}");
                output.WriteLine($"{"case",-48} {"per iteration",16} {"iterations",12}");
                first = false;
            }
            output.WriteLine($"{row.Name,-48} {row.Value.ToString("F3", CultureInfo.InvariantCulture),12} {row.Unit,-3} {row.Iterations,12}");
        }
        return CliApp.Ok;
    }
}
