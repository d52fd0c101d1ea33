using System.CommandLine;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala train --config FILE [--set k=v ...] [--run-dir DIR] [--resume] [--max-frames N] [--target-return R] [--seed S]</c>:
/// in-process IMPALA with a live console; writes the run directory (config, metrics.csv and TensorBoard events, checkpoint, summary).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "experiment file (HOCON) layered over hocon/reference.conf" };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key: --set impala.learner.batch-size=16 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var runDir = new Option<DirectoryInfo?>("--run-dir") { Description = "run directory (default: runs/{env}__{experiment}__{seed}__{time})" };
        var resume = new Option<bool>("--resume") { Description = "continue the run in --run-dir from its checkpoint" };
        var maxFrames = new Option<long?>("--max-frames") { Description = "stop after this many environment frames (impala.run.max-frames)" };
        var target = new Option<double?>("--target-return") { Description = "stop once the mean return of the last 100 episodes reaches this" };
        var seed = new Option<int?>("--seed") { Description = "impala.seed" };
        var plain = new Option<bool>("--plain") { Description = "print progress lines instead of the live table" };
        var command = new Command("train", "Train IMPALA in this process (no broker needed).");
        foreach (var option in new Option[] { config, sets, runDir, resume, maxFrames, target, seed, plain }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var assignments = (result.GetValue(sets) ?? []).ToList();
            if (result.GetValue(maxFrames) is { } frames) assignments.Add($"impala.run.max-frames={frames}");
            if (result.GetValue(target) is { } r) assignments.Add($"impala.run.target-return={r.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (result.GetValue(seed) is { } s) assignments.Add($"impala.seed={s}");
            var request = new TrainRequest(result.GetValue(config)?.FullName, assignments, result.GetValue(runDir)?.FullName, result.GetValue(resume), result.GetValue(plain));
            return Run(request, output, error);
        });
        return command;
    }

    internal sealed record TrainRequest(string? ConfigFile, IReadOnlyList<string> Assignments, string? RunDir, bool Resume, bool Plain);

    internal static int Run(TrainRequest request, TextWriter output, TextWriter error)
    {
        ImpalaSettings settings;
        Config.Config resolved;
        RunDirectory run;
        LearnerStart? resume = null;
        try
        {
            if (request.Resume && request.RunDir is null)
            {
                error.WriteLine("impala train: --resume needs --run-dir DIR (the run to continue)");
                return CliApp.InvalidInput;
            }
            resolved = SettingsLoader.LoadConfig(request.ConfigFile, request.Assignments);
            settings = SettingsLoader.Bind(resolved);
            run = request.RunDir is { } dir ? RunDirectory.At(dir, request.Resume) : RunDirectory.CreateNew(settings, DateTime.UtcNow);
            if (request.Resume)
            {
                // A checkpoint that would be refused is refused before anything in the run directory changes;
                // the one read of it is what the learner starts from.
                TorchRuntime.Configure(settings.Learner.Threads, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
                resume = LearnerStart.Resume(new FileCheckpointStore(run.CheckpointFile), settings, settings.Env.Spec);
            }
        }
        catch (CheckpointException e)
        {
            error.WriteLine($"impala train: cannot resume: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala train: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"impala train: {e.Message}");
            return CliApp.InvalidInput;
        }

        run.WriteConfig(resolved.Render(), request.Resume);
        var monitor = new TrainingMonitor(settings.Run.MaxFrames, settings.Run.TargetReturn, settings.Run.StopAtTarget);
        using var events = new StreamWriter(run.EventsFile, append: true) { AutoFlush = true };
        var eventLock = new object();
        void OnEvent(RuntimeEvent e)
        {
            if (e.Level == RuntimeEventLevel.Debug) return;
            lock (eventLock) events.WriteLine($"{DateTime.UtcNow:O} {e.Level} {e.Source}: {e.Text}");
        }

        using var stop = new StopSignal();
        try
        {
            output.WriteLine($"impala train: {settings.Env.Name}, experiment {settings.Experiment}, seed {settings.Seed} -> {run.Path}");
            using var metrics = new RunMetrics(run.Path, TimeProvider.System, settings.Env.ReportedTasks);
            var options = new InProcessTrainer.Options
            {
                CheckpointPath = run.CheckpointFile,
                Resume = resume,
                OnEvent = OnEvent,
            };
            var training = InProcessTrainer.RunAsync(settings, monitor, options, stop.Token);
            TrainingConsole.Follow(training, monitor, metrics, settings, output, interactive: !request.Plain && !Console.IsOutputRedirected);
            var outcome = training.GetAwaiter().GetResult();
            metrics.Append(outcome.Final);
            var summary = RunSummary.From(settings, outcome);
            summary.Write(run.SummaryFile);
            TrainingConsole.PrintSummary(summary, output);
            return outcome.StopReason is StopReason.MaxFrames or StopReason.TargetReturn ? CliApp.Ok : CliApp.Failed;
        }
        catch (CheckpointException e)
        {
            error.WriteLine($"impala train: cannot resume: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Disk full or the run folder gone: the checkpoint (if any) is the last one written.
            error.WriteLine($"impala train: cannot write the run's files in {run.Path} ({e.Message}); stopped");
            return CliApp.Failed;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"impala train: {e.Message}");
            return CliApp.Failed;
        }
    }
}
