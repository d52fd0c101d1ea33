namespace ImpalaAkka.Experiments.Tests;

/// <summary>A temporary folder with two base configs and helpers to write experiment files into it.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ia-exp-").FullName;

    public TempDir()
    {
        System.IO.File.WriteAllText(File("a.conf"), "impala.env.name = catch");
        System.IO.File.WriteAllText(File("b.conf"), "impala.env.name = cartpole");
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public ExperimentSpec Spec(string body)
    {
        var path = File("exp.conf");
        System.IO.File.WriteAllText(path, body);
        return ExperimentSpec.Load(path);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
