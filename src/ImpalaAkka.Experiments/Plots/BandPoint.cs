namespace ImpalaAkka.Experiments.Plots;

/// <summary>A plotted mean at <c>X</c> with the 95% interval drawn around it, already clipped to what the quantity can be.</summary>
internal readonly record struct BandPoint(double X, double Mean, double Low, double High);
