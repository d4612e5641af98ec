using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

public static partial class CpcApp
{
    private static int Evaluate(IAnsiConsole console, TextWriter error, EvaluateRequest request)
    {
        EvaluateResult result;
        if (console.Profile.Capabilities.Interactive)
        {
            result = console.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask("Reading data", maxValue: 1);
                return EvaluationRunner.Run(request, new SynchronousProgress<(double Fraction, string Step)>(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = p.Step;
                }));
            });
        }
        else
        {
            // Redirected output (CI, files) has no terminal width; keep the summary table readable.
            console.Profile.Width = Math.Max(console.Profile.Width, 132);
            var last = string.Empty;
            result = EvaluationRunner.Run(request, new SynchronousProgress<(double Fraction, string Step)>(p =>
            {
                if (p.Step != last)
                {
                    last = p.Step;
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{p.Fraction * 100,3:0}%] {p.Step}"));
                }
            }));
        }

        Summarize(console, result, request.OutputDirectory);
        Warn(error, request, result);
        return Ok;
    }

    /// <summary>What the person should know about the run that is not an error: data left out, an as-of date after the export.</summary>
    private static void Warn(TextWriter error, EvaluateRequest request, EvaluateResult result)
    {
        var notes = result.Data.Notes;
        if (notes.ContactsLeftOut > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {notes.ContactsLeftOut} contact{(notes.ContactsLeftOut == 1 ? string.Empty : "s")} (and {notes.SignalsLeftOut} of their signals) left out: tagged with a persona id personas.json does not hold; --strict refuses the data instead:"));
            foreach (var reason in notes.LeftOut)
            {
                error.WriteLine("  " + reason);
            }

            if (notes.ContactsLeftOut > notes.LeftOut.Length)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {notes.ContactsLeftOut - notes.LeftOut.Length} more."));
            }
        }

        if (result.LakePersonasLeftOut > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {result.LakePersonasLeftOut} persona row{(result.LakePersonasLeftOut == 1 ? string.Empty : "s")} of the lake export left out (not valid definitions; their people are not evaluated):"));
            foreach (var problem in result.LakePersonaProblems)
            {
                error.WriteLine("  " + problem);
            }
        }

        if (result.LakeDuplicateContacts > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {result.LakeDuplicateContacts} contact row{(result.LakeDuplicateContacts == 1 ? string.Empty : "s")} of the lake export left out: the contact's id, or its account's id, is there more than once with no version number to tell the rows apart; each contact is evaluated once, from its first row."));
        }

        if (result.LakeTextsWithProblems > 0 && result.LakeTraitLimits is { } limits)
        {
            // Never the texts: they are people's traits.
            var n = result.LakeTextsWithProblems;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {n} distinct trait text{(n == 1 ? string.Empty : "s")} of the lake export had parts left out (an item longer than {limits.MaxLength} characters, without letters or digits, or not valid text, or more than {limits.MaxPerDimension} items in one column); the rest of {(n == 1 ? "it" : "each")} was evaluated."));
        }

        if (request.AsOf is { } asOf && result.Data.ExportedOn is { } exported && asOf > exported)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: --as-of {asOf:yyyy-MM-dd} is after the export date {exported:yyyy-MM-dd} (export.json): the last {(asOf - exported).TotalDays:0} days hold no signals, so recent behaviour looks like it stopped."));
        }
    }

    private static void Summarize(IAnsiConsole console, EvaluateResult result, string outputDirectory)
    {
        var evaluation = result.Evaluation;
        var table = new Table().Title($"Persona drift as of {evaluation.AsOf:yyyy-MM-dd}")
            .AddColumn("Persona").AddColumn("Status").AddColumn("Owner").AddColumn(new TableColumn("People").RightAligned())
            .AddColumn(new TableColumn("Fit").RightAligned()).AddColumn(new TableColumn("Critical").RightAligned())
            .AddColumn(new TableColumn("Warning").RightAligned()).AddColumn(new TableColumn("Minor").RightAligned())
            .AddColumn(new TableColumn("Revisions").RightAligned());
        // The personas most urgent first, with the status the reports give them.
        foreach (var (persona, state) in evaluation.Personas.Select(p => (p, Reports.View.OwnerViews.StateOf(p, evaluation.Findings))).OrderBy(x => x.Item2))
        {
            var drift = evaluation.Drift.Where(f => f.PersonaId == persona.PersonaId).ToList();
            var owner = result.Data.Owners.FirstOrDefault(o => o.Id == persona.OwnerId)?.DisplayName ?? persona.OwnerId;
            table.AddRow(
                Markup.Escape(persona.Name),
                Markup.Escape(Reports.View.OwnerViews.Label(state)),
                Markup.Escape(owner),
                persona.TaggedPeople.ToString("N0", CultureInfo.InvariantCulture),
                persona.MeanFit.ToString("0.00", CultureInfo.InvariantCulture),
                Count(drift, Severity.Critical),
                Count(drift, Severity.Warning),
                Count(drift, Severity.Info),
                evaluation.Suggestions.Count(s => s.PersonaId == persona.PersonaId).ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var insufficient = evaluation.Findings.Count(f => f.Status == FindingStatus.InsufficientEvidence);
        console.MarkupLineInterpolated($"{Reports.View.Say.Count(evaluation.TestsRun, "test", "tests")} under false-discovery-rate control; {Reports.View.Say.Count(evaluation.Drift.Count(), "drift finding", "drift findings")}, {insufficient} with insufficient evidence, {evaluation.DataQuality.Count()} on data quality (thin evidence, not drift); {Reports.View.Say.Count(evaluation.Worklists.Sum(w => w.Contacts.Length), "contact", "contacts")} on enrichment worklists; {Reports.View.Say.Count(evaluation.Suggestions.Length, "suggestion", "suggestions")} ({evaluation.SuppressedSuggestions} suppressed).");
        if (result.Data.Notes.ContactsLeftOut > 0)
        {
            console.MarkupLineInterpolated($"{result.Data.Notes.ContactsLeftOut} {(result.Data.Notes.ContactsLeftOut == 1 ? "contact" : "contacts")} left out (persona id not in personas.json; see the warning below).");
        }

        if (!result.LakeApplied.IsEmpty)
        {
            console.MarkupLineInterpolated($"Read as the export's Delta log asks: {string.Join("; ", result.LakeApplied)}.");
        }

        console.MarkupLineInterpolated($"Rules: {result.Data.Notes.Rules}.");
        console.MarkupLineInterpolated($"Reports and JSON written to [bold]{outputDirectory}[/] ({string.Join(", ", result.Files)}).");
    }

    private static string Count(List<Finding> findings, Severity severity) =>
        findings.Count(f => f.Severity == severity).ToString(CultureInfo.InvariantCulture);
}
