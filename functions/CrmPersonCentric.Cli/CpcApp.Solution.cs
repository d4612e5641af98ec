using System.CommandLine;
using CrmPersonCentric.Solution;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

public static partial class CpcApp
{
    private static Command SolutionCommand(IAnsiConsole console, TextWriter error)
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory to write the solution zips to.", Required = true };
        var source = new Option<DirectoryInfo>("--source") { Description = "The solution folder (src/ and webresources/).", DefaultValueFactory = _ => new DirectoryInfo("solution") };
        var pack = new Command("pack", "Pack the Dataverse solution, unmanaged and managed, deterministically.") { output, source };
        pack.SetAction(parse => Guarded(error, () =>
        {
            foreach (var managed in (ReadOnlySpan<bool>)[false, true])
            {
                var result = SolutionPacker.Pack(parse.GetValue(source)!.FullName, parse.GetValue(output)!.FullName, managed);
                console.MarkupLineInterpolated($"Wrote [bold]{result.ZipPath}[/] ({result.Entries.Count} entries, sha256 {result.Sha256}).");
            }

            return Ok;
        }));
        return new Command("solution", "Work with the Dataverse solution.") { pack };
    }
}
