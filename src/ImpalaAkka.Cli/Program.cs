using ImpalaAkka.Cli;

return CliApp.Build(Console.Out, Console.Error).Parse(args).Invoke();
