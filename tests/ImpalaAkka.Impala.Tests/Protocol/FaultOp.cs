namespace ImpalaAkka.Impala.Tests.Protocol;

/// <summary>One step of an <see cref="ExactlyOnceModel"/> run; <c>A</c> and <c>B</c> pick among what is there (taken modulo its count).</summary>
internal sealed record FaultOp(FaultOpKind Kind, int A, int B)
{
    public override string ToString() => $"{Kind}({A},{B})";
}
