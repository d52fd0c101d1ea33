using System.CommandLine;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala info</c>: what this build runs on (libtorch version and origin, CPU kernels, threads, devices).</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("info", "Show the libtorch version, what its CPU kernels use, thread counts and available devices.");
        command.SetAction(_ =>
        {
            TorchRuntime.Configure(1);
            output.WriteLine($"libtorch          {TorchRuntime.LibtorchVersion} via TorchSharp ({TorchRuntime.ExternalLibraryDir ?? "bundled CPU build"})");
            output.WriteLine($"CPU kernels       {TorchRuntime.CpuBackends()}; oneDNN in use: {OnOff(TorchRuntime.OneDnnEnabled)} (learner.onednn)");
            output.WriteLine($"intra-op threads  {TorchRuntime.Threads} (learner.threads sets it; default 1)");
            output.WriteLine($"cuda devices      {TorchRuntime.CudaDeviceCount}");
            output.WriteLine($"cores             {Environment.ProcessorCount}");
            return CliApp.Ok;
        });
        return command;
    }

    private static string OnOff(bool? value) => value switch { true => "yes", false => "no", null => "unknown" };
}
