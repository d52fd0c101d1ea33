using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>V-trace targets <c>Vs</c> [T, B] and policy-gradient advantages <c>PgAdvantages</c> [T, B]; neither carries a gradient.</summary>
public sealed record VTraceReturns(Tensor Vs, Tensor PgAdvantages) : IDisposable
{
    public void Dispose()
    {
        Vs.Dispose();
        PgAdvantages.Dispose();
    }
}
