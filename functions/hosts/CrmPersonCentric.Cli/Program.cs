using CrmPersonCentric.Cli;
using Spectre.Console;

return CpcApp.Run(args, AnsiConsole.Console, Console.Error);
