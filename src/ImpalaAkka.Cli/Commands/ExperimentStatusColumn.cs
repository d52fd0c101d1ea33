using Spectre.Console;
using Spectre.Console.Rendering;

namespace ImpalaAkka.Cli.Commands;

/// <summary>A progress column showing markup set from outside, so counts can follow the bar without moving it.</summary>
internal sealed class ExperimentStatusColumn : ProgressColumn
{
    private volatile string markup = "";

    public string Markup
    {
        get => markup;
        set => markup = value;
    }

    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Markup(markup);
}
