using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Tests.Learning;

namespace ImpalaAkka.Impala.Tests.Roles;

/// <summary>Valid CartPole-shaped unrolls (T = <see cref="Length"/>) that differ only in their producer id and acting version.</summary>
internal static class TestUnrolls
{
    public const int Length = 5;

    public static readonly EnvironmentSpec Spec = CartPole.Specification;

    private static readonly Unroll Template = SyntheticUnrolls.Batch(Spec, 1, Length)[0];

    /// <summary>Unroll number <paramref name="sequence"/> of producer n/<paramref name="actor"/>.1, acted with <paramref name="version"/>.</summary>
    public static Unroll Of(long sequence, long version = 0, int actor = 0) =>
        Template with { Producer = new ProducerId("n", actor, 1, sequence), ParameterVersion = version };
}
