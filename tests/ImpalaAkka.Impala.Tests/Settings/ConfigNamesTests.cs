using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Settings;

public sealed class ConfigNamesTests
{
    /// <summary>Every name of every choice, with what else a valid configuration needs for it.</summary>
    public static TheoryData<string, string, string> Choices()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string key, IReadOnlyList<string> names)
        {
            foreach (var name in names) data.Add(key, name, name is "conv" or "shallow" ? "impala.env.name=catch" : "");
        }
        Add("impala.model.kind", ConfigNames.ModelKinds.Names);
        Add("impala.rollout.policy", ConfigNames.ActingPolicies.Names);
        Add("impala.learner.reward-clipping", ConfigNames.RewardClippings.Names);
        Add("impala.learner.correction", ConfigNames.Corrections.Names);
        Add("impala.learner.optimizer.kind", ConfigNames.OptimizerKinds.Names);
        Add("impala.learner.optimizer.epsilon-placement", ConfigNames.EpsilonPlacements.Names);
        Add("impala.lag.mode", ConfigNames.LagModes.Names);
        return data;
    }

    private static string Bound(ImpalaSettings s, string key) => key switch
    {
        "impala.model.kind" => s.Model.Kind.ToConfigName(),
        "impala.rollout.policy" => s.Rollout.Policy.ToConfigName(),
        "impala.learner.reward-clipping" => s.Learner.RewardClipping.ToConfigName(),
        "impala.learner.correction" => s.Learner.Correction.ToConfigName(),
        "impala.learner.optimizer.kind" => s.Learner.Optimizer.Kind.ToConfigName(),
        "impala.learner.optimizer.epsilon-placement" => s.Learner.Optimizer.EpsilonPlacement.ToConfigName(),
        "impala.lag.mode" => s.Lag.Mode.ToConfigName(),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a choice"),
    };

    [Theory]
    [MemberData(nameof(Choices))]
    public void Load_EachName_BindsTheValueThatHasThatName(string key, string name, string needs)
    {
        string[] assignments = needs.Length == 0 ? [$"{key}={name}"] : [$"{key}={name}", needs];
        Assert.Equal(name, Bound(SettingsLoader.Load(null, assignments), key));
    }

    [Fact]
    public void Reference_Choices_BindTheirDefaults()
    {
        var s = SettingsLoader.Load(null, []);
        Assert.Equal(
            (ModelKind.Mlp, ActingPolicyKind.Auto, RewardClipping.None, Correction.VTrace, OptimizerKind.RmsProp, EpsilonPlacement.InsideSqrt, LagMode.None),
            (s.Model.Kind, s.Rollout.Policy, s.Learner.RewardClipping, s.Learner.Correction, s.Learner.Optimizer.Kind, s.Learner.Optimizer.EpsilonPlacement, s.Lag.Mode));
    }
}
