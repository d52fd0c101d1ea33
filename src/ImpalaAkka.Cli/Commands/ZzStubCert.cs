using System.CommandLine;
namespace ImpalaAkka.Cli.Commands;
internal static class ClusterCertCommand { public static Command Create(TextWriter output, TextWriter error) => new Command("cert"); }
