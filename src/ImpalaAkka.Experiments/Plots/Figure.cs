namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// What one plot shows, before any drawing: <see cref="FigureRenderer"/> turns it into
/// <c>Name.svg</c> and <c>Name.png</c>. The kinds are the records deriving from it.
/// </summary>
internal abstract record Figure(string Name, string Title, string XLabel, string YLabel);
