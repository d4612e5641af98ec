using System.Collections.Immutable;
using System.CommandLine;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

/// <summary>The `cpc` command line: evaluate, sample, rules.</summary>
public static partial class CpcApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the input is invalid (the message says which file, line and field).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when the output cannot be written.</summary>
    public const int IoFailure = 3;

    /// <summary>Exit code of an error cpc did not expect (a bug): one line, no stack trace.</summary>
    public const int Unexpected = 1;

    /// <summary>Parses and runs the command line.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, Func<Dataverse.WebApi.DataverseOptions, Dataverse.WebApi.IDataverseClient>? dataverseClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("CrmPersonCentric: person-centric persona drift for Dataverse / Dynamics 365.");
        root.Subcommands.Add(EvaluateCommand(console, error));
        root.Subcommands.Add(SampleCommand(console, error));
        root.Subcommands.Add(RulesCommand(console, error));
        root.Subcommands.Add(PersonasCommand(console, error));
        root.Subcommands.Add(RegisterCommand(console, error, dataverseClientFactory));
        root.Subcommands.Add(UnregisterCommand(console, error, dataverseClientFactory));
        root.Subcommands.Add(SolutionCommand(console, error));
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = new AnsiWriter(console), Error = error });
    }

    private static Command EvaluateCommand(IAnsiConsole console, TextWriter error)
    {
        var data = new Option<DirectoryInfo?>("--data", "-d") { Description = "Data directory (docs/data-format.md); with --lake, an optional settings directory (taxonomy.json, themes.json, rules.json, export.json)." };
        var lake = new Option<DirectoryInfo?>("--lake") { Description = "A lake export of Dataverse to read personas, contacts and signals from: Delta tables (Synapse Link, Link to Fabric) or CSV with model.json (docs/lake.md)." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var asOf = new Option<string?>("--as-of") { Description = "As-of date (ISO 8601); default: the export date, else now." };
        var rules = new Option<FileInfo?>("--rules") { Description = "Drift rules JSON laid over the data directory's rules and the shipped ones: a rule with an existing id replaces it, a new id adds one, \"enabled\": false switches one off." };
        var strict = new Option<bool>("--strict") { Description = "Refuse the data when a contact is tagged with a persona id personas.json does not hold (default: leave such contacts out, count them and go on)." };
        var environment = new Option<string?>("--environment-url") { Description = "The Dataverse environment URL (https://contoso.crm.dynamics.com): the reports link each persona to its form and the working views (when the data's persona ids are Dataverse row ids)." };
        var app = new Option<string?>("--app-id") { Description = "The Persona Studio app id (a GUID), so the reports' links open in that app." };
        var command = new Command("evaluate", "Evaluate persona drift on a data directory (or a lake export) and write findings, suggestions and reports.") { data, lake, output, asOf, rules, strict, environment, app };
        command.SetAction(parse => Guarded(error, () =>
        {
            if (parse.GetValue(data) is null && parse.GetValue(lake) is null)
            {
                error.WriteLine("Give --data (a data directory, docs/data-format.md) or --lake (a lake export of Dataverse, docs/lake.md).");
                return BadInput;
            }

            var environmentUrl = parse.GetValue(environment);
            if (environmentUrl is not null && !(Uri.TryCreate(environmentUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
            {
                error.WriteLine($"--environment-url: {Model.Echo.Quote(environmentUrl)} is not an https URL (for example https://contoso.crm.dynamics.com).");
                return BadInput;
            }

            Guid? appId = null;
            if (parse.GetValue(app) is { } appText)
            {
                if (!Guid.TryParse(appText, out var parsed))
                {
                    error.WriteLine($"--app-id: {Model.Echo.Quote(appText)} is not a GUID (the app's id, from its URL: appid=...).");
                    return BadInput;
                }

                appId = parsed;
            }

            var request = new EvaluateRequest(parse.GetValue(data)?.FullName, parse.GetValue(output)!.FullName, ParseAsOf(parse.GetValue(asOf)), parse.GetValue(rules)?.FullName, parse.GetValue(strict))
            {
                EnvironmentUrl = environmentUrl,
                AppId = appId,
                LakeDirectory = parse.GetValue(lake)?.FullName,
            };
            return Evaluate(console, error, request);
        }));
        return command;
    }

    private static Command SampleCommand(IAnsiConsole console, TextWriter error)
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory to write the sample data to.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => SampleOptions.ShippedSeed };
        var scale = new Option<double>("--scale") { Description = "Multiplies the number of people (1 = a few thousand).", DefaultValueFactory = _ => 1 };
        var noDrift = new Option<bool>("--no-drift") { Description = "Generate people exactly as their personas declare (no planted drift)." };
        var defaults = new SampleOptions();
        var unenriched = new Option<double>("--unenriched-share") { Description = "Share of tagged contacts never enriched (nothing recorded); 0 for complete profiles.", DefaultValueFactory = _ => defaults.UnenrichedShare };
        var emptyDimension = new Option<double>("--empty-dimension-share") { Description = "For enriched contacts, the chance each dimension was left empty.", DefaultValueFactory = _ => defaults.EmptyDimensionShare };
        var longTail = new Option<double>("--long-tail-share") { Description = "Per dimension, the share of people who also typed a rare phrasing the taxonomy does not know.", DefaultValueFactory = _ => defaults.LongTailShare };
        var recording = new Option<double>("--recording-chance") { Description = "For enriched contacts, the chance each trait a person holds was written down (1: all).", DefaultValueFactory = _ => defaults.RecordingChance };
        var lake = new Option<string?>("--lake") { Description = "Write the sample as Dataverse exports it to a lake instead of a data directory: 'delta' (Delta tables) or 'csv' (CSV with model.json); read it back with cpc evaluate --lake." };
        var command = new Command("sample", "Generate the deterministic sample organisation (personas, contacts, signals).") { output, seed, scale, noDrift, unenriched, emptyDimension, longTail, recording, lake };
        command.SetAction(parse => Guarded(error, () =>
        {
            var s = parse.GetValue(scale);
            if (!(s > 0 && s <= 1000))
            {
                error.WriteLine($"--scale: {s} is outside (0, 1000].");
                return BadInput;
            }

            foreach (var (option, name) in new[] { (unenriched, "--unenriched-share"), (emptyDimension, "--empty-dimension-share"), (longTail, "--long-tail-share") })
            {
                var share = parse.GetValue(option);
                if (!(share >= 0 && share < 1))
                {
                    error.WriteLine($"{name}: {share} is outside [0, 1).");
                    return BadInput;
                }
            }

            var recordingChance = parse.GetValue(recording);
            if (!(recordingChance > 0 && recordingChance <= 1))
            {
                error.WriteLine($"--recording-chance: {recordingChance} is outside (0, 1].");
                return BadInput;
            }

            var lakeLayout = parse.GetValue(lake)?.Trim().ToLowerInvariant();
            Lake.LakeLayout? layout = lakeLayout switch
            {
                "delta" => Lake.LakeLayout.Delta,
                "csv" => Lake.LakeLayout.Csv,
                _ => null,
            };
            if (lakeLayout is not null && layout is null)
            {
                error.WriteLine($"--lake: {Model.Echo.Quote(parse.GetValue(lake))} is neither 'delta' nor 'csv'.");
                return BadInput;
            }

            var options = new SampleOptions
            {
                RecordingChance = recordingChance,
                Seed = parse.GetValue(seed),
                Scale = s,
                NoDrift = parse.GetValue(noDrift),
                UnenrichedShare = parse.GetValue(unenriched),
                EmptyDimensionShare = parse.GetValue(emptyDimension),
                LongTailShare = parse.GetValue(longTail),
            };
            var data = SampleOrganisation.Generate(options);
            var directory = parse.GetValue(output)!.FullName;
            if (layout is { } written)
            {
                Lake.LakeExportWriter.Write(directory, written, data.Personas, data.Profiles, data.Signals);
                console.MarkupLineInterpolated($"Wrote the sample as a {(written == Lake.LakeLayout.Delta ? "Delta" : "CSV (model.json)")} lake export: {data.Personas.Length} personas, {data.Profiles.Length} contacts and {data.Signals.Length} signals to [bold]{directory}[/] (its export date: {data.ExportedOn:yyyy-MM-dd}; pass --as-of).");
                return Ok;
            }

            OrgDataWriter.Write(data, directory, SampleOrganisation.TypedSpelling(options.Seed));
            console.MarkupLineInterpolated($"Wrote {data.Personas.Length} personas, {data.Profiles.Length} contacts and {data.Signals.Length} signals to [bold]{directory}[/].");
            return Ok;
        }));
        return command;
    }

    private static Command RulesCommand(IAnsiConsole console, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The rules JSON file to check." };
        var validate = new Command("validate", "Check a drift rules file; every problem names the rule and the field.") { file };
        validate.SetAction(parse => Guarded(error, () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"{path.Name}: the file does not exist.");
                return BadInput;
            }

            ImmutableArray<DriftRule> rules;
            try
            {
                rules = DriftRulesJson.Read(File.ReadAllText(path.FullName, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true)));
            }
            catch (System.Text.DecoderFallbackException)
            {
                error.WriteLine($"{path.Name}: is not UTF-8 text; save it as UTF-8.");
                return BadInput;
            }

            var overlay = DefaultDriftRules.Overlay(DefaultDriftRules.All, rules);
            console.MarkupLineInterpolated($"{rules.Length} rules are valid ({rules.Count(r => r.Enabled)} enabled). Laid over the {DefaultDriftRules.All.Length} shipped rules they replace {overlay.Replaced.Length} and add {overlay.Added.Length}; {overlay.Rules.Count(r => r.Enabled)} rules would run. Persona ids are checked by cpc evaluate, against personas.json.");
            return Ok;
        }));
        var defaults = new Command("defaults", "Print the shipped rules as JSON: a starting point for a rules file (list only the rules you change; a rule with a shipped id replaces it).");
        defaults.SetAction(_ =>
        {
            console.Profile.Out.Writer.Write(DriftRulesJson.Write(DefaultDriftRules.All));
            return Ok;
        });
        return new Command("rules", "Work with drift rules.") { validate, defaults };
    }

    private static int Guarded(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ImportException ex)
        {
            error.WriteLine($"The data cannot be evaluated ({ex.Errors.Length} problem{(ex.Errors.Length == 1 ? string.Empty : "s")}); nothing was written:");
            foreach (var problem in ex.Errors.Take(25))
            {
                error.WriteLine("  " + problem);
            }

            if (ex.Errors.Length > 25)
            {
                error.WriteLine($"  ... and {ex.Errors.Length - 25} more.");
            }

            return BadInput;
        }
        catch (ModelValidationException ex)
        {
            error.WriteLine("Invalid input; nothing was written:");
            foreach (var problem in ex.Errors)
            {
                error.WriteLine("  " + problem);
            }

            return BadInput;
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine(ex.Message);
            return BadInput;
        }
        catch (Lake.LakeException ex)
        {
            error.WriteLine(ex.Message + " Nothing was written.");
            return BadInput;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            // DuckDB's message may quote a value of the export: its kind only.
            error.WriteLine($"The lake export could not be read ({Lake.LakeException.KindOf(ex)}): check that --lake points at a Dataverse export (Delta tables or CSV with model.json) and that its files are complete. Nothing was written.");
            return BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("Cannot read or write a file: " + ex.Message);
            return IoFailure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never a stack trace, and never the exception's message (a parser's message may quote a person's data).
            error.WriteLine($"cpc stopped on an unexpected error ({ex.GetType().Name}); nothing was written. Please report it with the command you ran.");
            return Unexpected;
        }
    }
}
