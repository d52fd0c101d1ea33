using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests;

/// <summary>Settings for tests: reference.conf plus the given --set assignments (small budgets).</summary>
internal static class TestSettings
{
    public static ImpalaSettings Load(params string[] assignments) => SettingsLoader.Load(null, assignments);
}
