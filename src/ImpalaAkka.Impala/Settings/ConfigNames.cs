using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Impala.Settings;

/// <summary>
/// The names the settings' choices are written with (hocon/reference.conf documents them): the
/// loader binds through these tables only, and an error for a bad value lists them in this order.
/// </summary>
internal static class ConfigNames
{
    public static readonly NameTable<ModelKind> ModelKinds = new((ModelKind.Mlp, "mlp"), (ModelKind.Conv, "conv"), (ModelKind.Shallow, "shallow"));

    public static readonly NameTable<ActingPolicyKind> ActingPolicies =
        new((ActingPolicyKind.Auto, "auto"), (ActingPolicyKind.Managed, "managed"), (ActingPolicyKind.Libtorch, "libtorch"));

    public static readonly NameTable<RewardClipping> RewardClippings = new((RewardClipping.None, "none"), (RewardClipping.AbsOne, "abs-one"));

    public static readonly NameTable<Correction> Corrections =
        new((Correction.VTrace, "vtrace"), (Correction.None, "none"), (Correction.OneStepIs, "one-step-is"), (Correction.Epsilon, "epsilon"));

    public static readonly NameTable<OptimizerKind> OptimizerKinds =
        new((OptimizerKind.RmsProp, "rmsprop"), (OptimizerKind.Adam, "adam"), (OptimizerKind.Sgd, "sgd"));

    public static readonly NameTable<EpsilonPlacement> EpsilonPlacements =
        new((EpsilonPlacement.InsideSqrt, "inside-sqrt"), (EpsilonPlacement.OutsideSqrt, "outside-sqrt"));

    public static readonly NameTable<LagMode> LagModes =
        new((LagMode.None, "none"), (LagMode.Fixed, "fixed"), (LagMode.Uniform, "uniform"), (LagMode.Geometric, "geometric"), (LagMode.Delay, "delay"));

    public static string ToConfigName(this ModelKind value) => ModelKinds.NameOf(value);

    public static string ToConfigName(this ActingPolicyKind value) => ActingPolicies.NameOf(value);

    public static string ToConfigName(this RewardClipping value) => RewardClippings.NameOf(value);

    public static string ToConfigName(this Correction value) => Corrections.NameOf(value);

    public static string ToConfigName(this OptimizerKind value) => OptimizerKinds.NameOf(value);

    public static string ToConfigName(this EpsilonPlacement value) => EpsilonPlacements.NameOf(value);

    public static string ToConfigName(this LagMode value) => LagModes.NameOf(value);
}
