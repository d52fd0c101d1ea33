using System.Text;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// A learner checkpoint in one state-dict: parameters (<c>model.*</c>), optimizer state
/// (<c>optim.*</c>), counters (<c>meta.*</c>) and the ledger of unrolls whose learning it contains
/// (<c>ledger.*</c>, used to recognise redelivered duplicates after a restart). Loading checks
/// everything before touching the learner, so a corrupt or mismatched checkpoint changes nothing.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.iat";

    public sealed record Meta(long Version, long Frames, long LearnerSteps, long Episodes, long OptimizerSteps, double WallSeconds);

    public static void Save(string path, LearnerCore core, Meta meta) =>
        Save(new FileCheckpointStore(path), core, meta, new UnrollLedger());

    public static void Save(ICheckpointStore store, LearnerCore core, Meta meta, UnrollLedger ledger)
    {
        using var scope = DisposeScope.Begin();
        var state = new StateDict();
        foreach (var (name, tensor) in core.Net.NamedParameters()) state.Add("model." + name, tensor);
        using var optimizerState = core.Optimizer.StateDict();
        foreach (var (name, tensor) in optimizerState.Entries) state.Add("optim." + name, tensor);
        state.Add("meta.counters", Tensor.From<long>([meta.Version, meta.Frames, meta.LearnerSteps, meta.Episodes, meta.OptimizerSteps], [5]));
        state.Add("meta.wall_seconds", Tensor.From<double>([meta.WallSeconds], [1]));
        var streams = ledger.Streams();
        var nodes = Encoding.UTF8.GetBytes(string.Join('\n', streams.Select(p => p.Node)));
        state.Add("ledger.nodes", Tensor.From<byte>(nodes, [nodes.Length]));
        state.Add("ledger.streams", Tensor.From<long>(streams.SelectMany(p => new[] { p.Actor, p.Incarnation, p.Watermark, p.Above.Length }).ToArray(), [streams.Count, 4]));
        var above = streams.SelectMany(p => p.Above).ToArray();
        state.Add("ledger.above", Tensor.From<long>(above, [above.Length]));
        store.Write(state.ToBytes());
    }

    public static Meta Load(string path, LearnerCore core) => Load(new FileCheckpointStore(path), core).Meta;

    /// <exception cref="StateDictException">There is no checkpoint, or it is corrupt or does not fit this learner's model.</exception>
    public static (Meta Meta, UnrollLedger Ledger) Load(ICheckpointStore store, LearnerCore core)
    {
        var bytes = store.Read() ?? throw new StateDictException($"{store.Name}: no checkpoint to load");
        using var state = StateDict.FromBytes(bytes, store.Name);
        var model = new StateDict();
        var optim = new StateDict();
        foreach (var (name, tensor) in state.Entries)
        {
            if (name.StartsWith("model.", StringComparison.Ordinal)) model.Add(name["model.".Length..], tensor);
            else if (name.StartsWith("optim.", StringComparison.Ordinal)) optim.Add(name["optim.".Length..], tensor);
        }
        var meta = ReadMeta(state, store.Name);
        var ledger = ReadLedger(state, store.Name);
        // Check both parts against the learner before changing anything.
        core.Net.CheckStateDict(model, store.Name);
        core.Optimizer.CheckStateDict(optim, store.Name);
        core.Net.LoadStateDict(model, store.Name);
        core.Optimizer.LoadStateDict(optim, meta.OptimizerSteps, store.Name);
        core.Restore(meta.Version, meta.Frames);
        return (meta, ledger);
    }

    /// <summary>The counters of a checkpoint, without loading it into a learner (null if there is none).</summary>
    public static Meta? PeekMeta(ICheckpointStore store)
    {
        var bytes = store.Read();
        if (bytes is null) return null;
        using var state = StateDict.FromBytes(bytes, store.Name);
        return ReadMeta(state, store.Name);
    }

    /// <summary>The ledger of a checkpoint (what its learning settled), without loading it into a learner; null if there is none.</summary>
    public static UnrollLedger? PeekLedger(ICheckpointStore store)
    {
        var bytes = store.Read();
        if (bytes is null) return null;
        using var state = StateDict.FromBytes(bytes, store.Name);
        return ReadLedger(state, store.Name);
    }

    private static Meta ReadMeta(StateDict state, string source)
    {
        if (!state.Contains("meta.counters") || state["meta.counters"].NumElements != 5 || state["meta.counters"].DType != ScalarType.Int64)
        {
            throw new StateDictException($"{source}: missing or malformed 'meta.counters'");
        }
        var c = state["meta.counters"].ToArray<long>();
        var wall = state.Contains("meta.wall_seconds") ? state["meta.wall_seconds"].ToArray<double>()[0] : 0;
        return new Meta(c[0], c[1], c[2], c[3], c[4], wall);
    }

    private static UnrollLedger ReadLedger(StateDict state, string source)
    {
        if (!state.Contains("ledger.streams")) return new UnrollLedger();
        var rows = state["ledger.streams"];
        var names = state.Contains("ledger.nodes") ? Encoding.UTF8.GetString(state["ledger.nodes"].ToArray<byte>()) : "";
        var nodes = names.Length == 0 ? [] : names.Split('\n');
        var above = state.Contains("ledger.above") ? state["ledger.above"].ToArray<long>() : [];
        if (rows.Dim != 2 || rows.Size(1) != 4 || rows.DType != ScalarType.Int64 || nodes.Length != rows.Size(0))
        {
            throw new StateDictException($"{source}: malformed ledger ({nodes.Length} node names for {(rows.Dim == 2 ? rows.Size(0) : -1)} streams)");
        }
        var v = rows.ToArray<long>();
        var streams = new List<UnrollLedger.Stream>();
        var offset = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var count = (int)v[4 * i + 3];
            if (count < 0 || offset + count > above.Length) throw new StateDictException($"{source}: malformed ledger (stream {i} lists {count} sequence numbers)");
            streams.Add(new UnrollLedger.Stream(nodes[i], (int)v[4 * i], (int)v[4 * i + 1], v[4 * i + 2], above[offset..(offset + count)]));
            offset += count;
        }
        return UnrollLedger.From(streams);
    }
}
