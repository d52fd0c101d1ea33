namespace ImpalaAkka.Impala.Tests.Learning;

/// <summary>
/// V-trace written straight from the paper's sum (Espeholt et al. 2018, eq. 1), O(T^2) per column:
/// v_s = V(x_s) + sum_{t=s}^{T-1} (prod_{i=s}^{t-1} gamma_i c_i) delta_t V,
/// delta_t V = rho_t (r_t + gamma_t V(x_{t+1}) - V(x_t)), with per-step discounts gamma_t.
/// Deliberately shares no code with the implementation under test.
/// </summary>
internal static class NaiveVTrace
{
    public static (double[,] Vs, double[,] PgAdvantages) Compute(
        double[,] logRhos, double[,] discounts, double[,] rewards, double[,] values, double[] bootstrap,
        double? rhoBar, double? pgRhoBar, double? cBar, double lambda)
    {
        int T = values.GetLength(0), B = values.GetLength(1);
        var vs = new double[T, B];
        var pg = new double[T, B];
        for (var b = 0; b < B; b++)
        {
            double V(int t) => t == T ? bootstrap[b] : values[t, b];
            double Rho(int t) => Math.Exp(logRhos[t, b]);
            double Truncate(double x, double? bar) => bar is { } m ? Math.Min(m, x) : x;

            for (var s = 0; s < T; s++)
            {
                var sum = 0.0;
                for (var t = s; t < T; t++)
                {
                    var coefficient = 1.0;
                    for (var i = s; i < t; i++)
                    {
                        coefficient *= discounts[i, b] * lambda * Truncate(Rho(i), cBar);
                    }
                    var delta = Truncate(Rho(t), rhoBar) * (rewards[t, b] + discounts[t, b] * V(t + 1) - V(t));
                    sum += coefficient * delta;
                }
                vs[s, b] = V(s) + sum;
            }
            for (var s = 0; s < T; s++)
            {
                var vNext = s + 1 == T ? bootstrap[b] : vs[s + 1, b];
                pg[s, b] = Truncate(Rho(s), pgRhoBar) * (rewards[s, b] + discounts[s, b] * vNext - V(s));
            }
        }
        return (vs, pg);
    }
}
