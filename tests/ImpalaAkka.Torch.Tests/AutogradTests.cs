namespace ImpalaAkka.Torch.Tests;

public sealed class AutogradTests
{
    [Fact]
    public void Backward_SumOfSquares_GradIsTwoX()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<double>([1, -2, 3]);
        x.RequiresGrad = true;
        x.Square().Sum().Backward();
        Assert.Equal([2.0, -4, 6], x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Grad_BeforeBackward_IsNull_AndClearGradDropsIt()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<float>([1f]);
        x.RequiresGrad = true;
        Assert.Null(x.Grad);
        (x * 3).Sum().Backward();
        Assert.Equal([3f], x.Grad!.ToArray<float>());
        x.ClearGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGrad_ResultsDoNotRequireGrad_AndModeIsRestored()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<float>([1f]);
        x.RequiresGrad = true;
        using (Libtorch.NoGrad())
        {
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<double>([2]);
        x.RequiresGrad = true;
        var y = x * x.Detach(); // d/dx = x.detach() only
        y.Sum().Backward();
        Assert.Equal([2.0], x.Grad!.ToArray<double>());
        Assert.False(x.Detach().RequiresGrad);
    }

    [Fact]
    public void Backward_OnNonScalar_ThrowsTorchException()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<float>([1f, 2f]);
        x.RequiresGrad = true;
        var e = Assert.Throws<TorchException>(() => (x * 2).Backward());
        Assert.Contains("scalar outputs", e.Message);
    }
}
