using System.CommandLine;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala info</c>: what this build runs on (libtorch version, threads, devices, BLAS).</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("info", "Show libtorch version, thread counts and available devices.");
        command.SetAction(_ =>
        {
            output.WriteLine($"libtorch          {Libtorch.Version}");
            output.WriteLine($"intra-op threads  {Libtorch.NumThreads}");
            output.WriteLine($"OPENBLAS_NUM_THREADS {Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "(unset: the binding sets 1)"}");
            output.WriteLine($"cuda devices      {Libtorch.CudaDeviceCount}");
            output.WriteLine($"cores             {Environment.ProcessorCount}");
            return CliApp.Ok;
        });
        return command;
    }
}
