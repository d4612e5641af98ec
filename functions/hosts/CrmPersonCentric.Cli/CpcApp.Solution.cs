using System.CommandLine;
using CrmPersonCentric.Solution;
using CrmPersonCentric.Solution.Validation;
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
        var target = new Argument<FileSystemInfo>("path") { Description = "A solution zip, an unpacked solution folder or a customizations.xml." };
        var check = new Command("check", "Validate a solution's customizations.xml against Microsoft's schema (9.0.0.2090) with the documented allowances.") { target };
        check.SetAction(parse => Guarded(error, () =>
        {
            var path = parse.GetValue(target)!.FullName;
            var result = SolutionCheck.Run(path);
            var issues = result.Issues;
            foreach (var issue in issues)
            {
                if (issue.IsError)
                {
                    error.WriteLine($"error: {issue}");
                }
                else
                {
                    console.MarkupLineInterpolated($"[grey]{(issue.IsWarning ? "warning" : "allowed")}: {issue}[/]");
                }
            }

            if (result.Limitation is { } limitation)
            {
                console.MarkupLineInterpolated($"[yellow]note:[/] {limitation}");
            }

            var errors = issues.Count(i => i.IsError);
            console.MarkupLineInterpolated($"{errors} schema error(s), {issues.Count - errors} allowed departure(s) or warning(s) in {result.File}");
            return errors == 0 ? Ok : BadInput;
        }));
        return new Command("solution", "Work with the Dataverse solution.") { pack, check };
    }
}
