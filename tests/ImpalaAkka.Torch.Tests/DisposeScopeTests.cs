namespace ImpalaAkka.Torch.Tests;

public sealed class DisposeScopeTests
{
    [Fact]
    public void Dispose_DisposesTensorsCreatedInside_ButNotMovedOnes()
    {
        Tensor inner;
        Tensor kept;
        using (var scope = DisposeScope.Begin())
        {
            inner = Tensor.Zeros([1]);
            kept = scope.MoveToOuter(Tensor.Zeros([1]));
            Assert.Equal(1, scope.Count);
        }
        Assert.True(inner.IsDisposed);
        Assert.False(kept.IsDisposed);
        kept.Dispose();
    }

    [Fact]
    public void MoveToOuter_HandsTensorToEnclosingScope()
    {
        Tensor moved;
        using (var outer = DisposeScope.Begin())
        {
            using (var inner = DisposeScope.Begin())
            {
                moved = inner.MoveToOuter(Tensor.Zeros([1]));
            }
            Assert.False(moved.IsDisposed);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(moved.IsDisposed);
    }

    [Fact]
    public void Dispose_OutOfOrder_Throws()
    {
        var outer = DisposeScope.Begin();
        var inner = DisposeScope.Begin();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }
}
