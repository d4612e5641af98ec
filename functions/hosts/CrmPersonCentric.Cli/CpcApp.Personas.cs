using System.CommandLine;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

public static partial class CpcApp
{
    private static Command PersonasCommand(IAnsiConsole console, TextWriter error)
    {
        var data = new Option<DirectoryInfo>("--data", "-d") { Description = "Data directory (docs/data-format.md).", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "As-of date (ISO 8601); default: the export date, else now." };
        var check = new Command("check", "The persona depth check: what makes each persona too thin to act on, and what to do. Warns, never fails: the exit code is 0 whatever it finds.") { data, asOf };
        check.SetAction(parse => Guarded(error, () =>
        {
            var orgData = OrgDataReader.Read(parse.GetValue(data)!.FullName);
            var at = ParseAsOf(parse.GetValue(asOf)) ?? orgData.ExportedOn ?? DateTimeOffset.UtcNow;
            var population = PopulationBuilder.Build(orgData.Personas, orgData.Profiles, orgData.Signals, at, orgData.Themes);
            var evaluation = new DriftEngine(new EvaluationOptions { Taxonomy = orgData.Taxonomy, Themes = orgData.Themes }).Evaluate(population, orgData.Rules);
            var flagged = 0;
            foreach (var persona in evaluation.Personas)
            {
                if (persona.Depth.IsEmpty)
                {
                    console.MarkupLineInterpolated($"[green]ok[/]  {persona.Name} ({persona.PersonaId})");
                    continue;
                }

                flagged++;
                console.MarkupLineInterpolated($"[yellow]{persona.Depth.Length} to fix[/]  {persona.Name} ({persona.PersonaId})");
                foreach (var issue in persona.Depth)
                {
                    console.MarkupLineInterpolated($"    [bold]{issue.Code}[/]: {issue.Message}");
                    console.MarkupLineInterpolated($"      [grey]what to do:[/] {issue.Action}");
                }
            }

            console.MarkupLineInterpolated($"{flagged} of {evaluation.Personas.Length} personas need more depth.");
            return Ok;
        }));
        return new Command("personas", "Work with persona definitions.") { check };
    }

    private static DateTimeOffset? ParseAsOf(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Model.IsoDates.TryParse(text, out var value)
            ? value
            : throw new InvalidDataException($"--as-of: {Model.Echo.Quote(text)} is not {Model.IsoDates.ExpectedForm} (other forms such as 01/11/2026 are refused: they read differently by country).");
    }
}
