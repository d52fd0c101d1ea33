using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// What a learner starts from: a core (fresh weights, or a checkpoint's), the checkpoint's metadata
/// when it was restored, and the ledger of producer ids that checkpoint settled (empty when fresh).
/// The learner takes ownership of the core.
/// </summary>
public sealed record LearnerStart(LearnerCore Core, Checkpoint.Meta? Restored, UnrollLedger Ledger)
{
    public static LearnerStart Fresh(ImpalaSettings settings, EnvironmentSpec spec) => new(new LearnerCore(settings, spec), null, new UnrollLedger());

    /// <summary>How a learner starts when its first start is <paramref name="first"/> (already loaded, or null) and every later one <paramref name="then"/>.</summary>
    public static Func<LearnerStart> FirstThen(LearnerStart? first, Func<LearnerStart> then)
    {
        var pending = first;
        return () => Interlocked.Exchange(ref pending, null) ?? then();
    }

    /// <summary>A fresh start when <paramref name="store"/> is empty, else <see cref="Resume"/>.</summary>
    /// <exception cref="CheckpointException">The checkpoint is corrupt or does not fit these settings.</exception>
    public static LearnerStart From(ICheckpointStore store, ImpalaSettings settings, EnvironmentSpec spec) =>
        store.Read() is null ? Fresh(settings, spec) : Resume(store, settings, spec);

    /// <summary>A fresh core with <paramref name="store"/>'s checkpoint loaded into it (one read of the store).</summary>
    /// <exception cref="CheckpointException">There is no checkpoint, or it is corrupt or does not fit these settings (the core is released).</exception>
    public static LearnerStart Resume(ICheckpointStore store, ImpalaSettings settings, EnvironmentSpec spec)
    {
        var core = new LearnerCore(settings, spec);
        try
        {
            var (meta, ledger) = Checkpoint.Load(store, core);
            return new LearnerStart(core, meta, ledger);
        }
        catch
        {
            core.Dispose();
            throw;
        }
    }
}
