using Spectre.Console;

namespace CrmPersonCentric.Cli.Tests;

/// <summary>Runs `cpc` in-process with captured output.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output, string Error) Invoke(params string[] args) => Invoke(null, args);

    public static (int ExitCode, string Output, string Error) Invoke(Func<Dataverse.WebApi.DataverseOptions, Dataverse.WebApi.IDataverseClient>? clientFactory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var code = CpcApp.Run(args, console, error, clientFactory);
        return (code, output.ToString(), error.ToString());
    }
}
