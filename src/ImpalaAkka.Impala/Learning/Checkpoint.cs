using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// A learner checkpoint: parameters (<c>model.*</c>), optimizer state (<c>optim.*</c>) and counters
/// (<c>meta.*</c>) in one state-dict file, written atomically. Loading checks everything before
/// touching the learner, so a corrupt or mismatched file changes nothing.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.iat";

    public sealed record Meta(long Version, long Frames, long LearnerSteps, long Episodes, long OptimizerSteps, double WallSeconds);

    public static void Save(string path, LearnerCore core, Meta meta)
    {
        using var scope = DisposeScope.Begin();
        var state = new StateDict();
        foreach (var (name, tensor) in core.Net.NamedParameters()) state.Add("model." + name, tensor);
        using var optimizerState = core.Optimizer.StateDict();
        foreach (var (name, tensor) in optimizerState.Entries) state.Add("optim." + name, tensor);
        state.Add("meta.counters", Tensor.From<long>([meta.Version, meta.Frames, meta.LearnerSteps, meta.Episodes, meta.OptimizerSteps], [5]));
        state.Add("meta.wall_seconds", Tensor.From<double>([meta.WallSeconds], [1]));
        state.Save(path);
    }

    /// <exception cref="StateDictException">The file is missing, corrupt, or does not fit this learner's model.</exception>
    public static Meta Load(string path, LearnerCore core)
    {
        using var state = StateDict.Load(path);
        var model = new StateDict();
        var optim = new StateDict();
        foreach (var (name, tensor) in state.Entries)
        {
            if (name.StartsWith("model.", StringComparison.Ordinal)) model.Add(name["model.".Length..], tensor);
            else if (name.StartsWith("optim.", StringComparison.Ordinal)) optim.Add(name["optim.".Length..], tensor);
        }
        if (!state.Contains("meta.counters") || state["meta.counters"].NumElements != 5 || state["meta.counters"].DType != ScalarType.Int64)
        {
            throw new StateDictException($"{path}: missing or malformed 'meta.counters'");
        }
        var counters = state["meta.counters"].ToArray<long>();
        var wall = state.Contains("meta.wall_seconds") ? state["meta.wall_seconds"].ToArray<double>()[0] : 0;
        // Check both parts against the learner before changing anything.
        core.Net.CheckStateDict(model, path);
        core.Optimizer.CheckStateDict(optim, path);
        core.Net.LoadStateDict(model, path);
        core.Optimizer.LoadStateDict(optim, counters[4], path);
        core.Restore(counters[0], counters[1]);
        return new Meta(counters[0], counters[1], counters[2], counters[3], counters[4], wall);
    }
}
