using System.CommandLine;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala vtrace --input FILE.json [--output FILE.json]</c>: V-trace targets for arrays in a JSON file (format: <see cref="VTraceJson"/>).</summary>
internal static class VTraceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "JSON file with time-major arrays (see README, 'impala vtrace')",
            Required = true,
        };
        var outputFile = new Option<FileInfo?>("--output", "-o")
        {
            Description = "where to write {\"vs\", \"pg_advantages\"} (default: standard output)",
        };
        var command = new Command("vtrace", "Compute V-trace targets and policy-gradient advantages for arrays in a JSON file.");
        command.Options.Add(input);
        command.Options.Add(outputFile);
        command.SetAction(result => Run(result.GetValue(input)!, result.GetValue(outputFile), output, error));
        return command;
    }

    internal static int Run(FileInfo input, FileInfo? outputFile, TextWriter output, TextWriter error)
    {
        string json;
        try
        {
            json = VTraceJson.ReadFile(input.FullName, input.ToString());
        }
        catch (VTraceInputException e)
        {
            error.WriteLine($"impala vtrace: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"impala vtrace: cannot read {input.FullName}: {e.Message}");
            return CliApp.InvalidInput;
        }
        string result;
        try
        {
            result = VTraceJson.Compute(json, input.ToString());
        }
        catch (VTraceInputException e)
        {
            error.WriteLine($"impala vtrace: {e.Message}");
            return CliApp.InvalidInput;
        }
        if (outputFile is null)
        {
            output.Write(result);
        }
        else
        {
            try
            {
                AtomicFile.Write(outputFile.FullName, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(result)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"impala vtrace: --output: cannot write {outputFile.FullName}: {e.Message}");
                return CliApp.InvalidInput;
            }
            error.WriteLine($"impala vtrace: wrote {outputFile}");
        }
        return CliApp.Ok;
    }
}
