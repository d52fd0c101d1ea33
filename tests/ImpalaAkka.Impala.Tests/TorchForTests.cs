using System.Runtime.CompilerServices;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Tests;

/// <summary>
/// libtorch starts with one intra-op thread per core, and with several MKL may split a product
/// differently run to run; tests that compare bits would then depend on whether an earlier test
/// had configured the learner's single thread. Every test gets the learner's setting from the start.
/// </summary>
internal static class TorchForTests
{
    [ModuleInitializer]
    internal static void ConfigureLikeTheLearner() => TorchRuntime.Configure(1);
}
