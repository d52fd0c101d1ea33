namespace ImpalaAkka.Experiments;

/// <summary>Mean and 95% confidence interval across seeds (Student's t, n - 1 degrees of freedom).</summary>
public static class Statistics
{
    // Two-sided 95% quantiles t_{0.975, df} for df = 1..30; beyond, the normal 1.96 (within 2%).
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static double TQuantile975(int degreesOfFreedom) =>
        degreesOfFreedom < 1 ? double.NaN : degreesOfFreedom <= T975.Length ? T975[degreesOfFreedom - 1] : 1.96;

    /// <summary>(mean, half-width of the 95% CI); the half-width is NaN for fewer than two values, both NaN for none.</summary>
    public static (double Mean, double HalfWidth) MeanCi95(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        var mean = values.Average();
        if (values.Count < 2) return (mean, double.NaN);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, TQuantile975(values.Count - 1) * Math.Sqrt(variance / values.Count));
    }

    /// <summary>Normalised area under a learning curve: the trapezoid integral of y over x divided by the x span (the curve's average height).</summary>
    public static double NormalisedArea(IReadOnlyList<(double X, double Y)> curve)
    {
        if (curve.Count == 0) return double.NaN;
        if (curve.Count == 1) return curve[0].Y;
        double area = 0;
        for (var i = 1; i < curve.Count; i++) area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        var span = curve[^1].X - curve[0].X;
        return span > 0 ? area / span : curve.Average(p => p.Y);
    }

    /// <summary>The curve's value at <paramref name="x"/> by linear interpolation; NaN outside its range.</summary>
    public static double Interpolate(IReadOnlyList<(double X, double Y)> curve, double x)
    {
        if (curve.Count == 0 || x < curve[0].X || x > curve[^1].X) return double.NaN;
        for (var i = 1; i < curve.Count; i++)
        {
            if (x <= curve[i].X)
            {
                var (x0, y0) = curve[i - 1];
                var (x1, y1) = curve[i];
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            }
        }
        return curve[^1].Y;
    }
}
