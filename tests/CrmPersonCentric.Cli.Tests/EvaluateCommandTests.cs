using System.Text.Json;

namespace CrmPersonCentric.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "cpc-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _sample = Path.Combine(RepositoryRoot.Path, "samples", "northwind");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void Evaluate_ShippedSample_WritesFindingsSuggestionsAndOneReportPerOwner()
    {
        var (code, output, error) = CliRun.Invoke("evaluate", "--data", _sample, "--out", _out);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Growth-Minded Sales Director", output, StringComparison.Ordinal);
        Assert.Contains("[100%] Done", output, StringComparison.Ordinal);
        foreach (var file in new[] { "findings.json", "suggestions.json", "enrichment.json", "summary.json", "history.json", "index.html", "report-owner-maya.html", "report-owner-tom.html", "report-owner-priya.html" })
        {
            Assert.True(File.Exists(Path.Combine(_out, file)), file + " was not written");
        }

        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "findings.json")));
        var ids = findings.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains("sales-director:stale-traits:corefears:budget-cuts", ids);
        Assert.Contains("dev-champion:persona-split:-:split", ids);
        Assert.Contains("it-guardian:icp-leakage:-:outside-icp", ids);
        Assert.DoesNotContain(ids, id => id!.StartsWith("ops-leader", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(_out));

        using var enrichment = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "enrichment.json")));
        var worklists = enrichment.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, worklists.Count);
        var first = worklists[0].GetProperty("contacts")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.StartsWith("c-", first.GetProperty("contactId").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, first.GetProperty("missing").GetArrayLength());

        using var advocates = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "advocates.json")));
        var dev = advocates.RootElement.EnumerateArray().Single(a => a.GetProperty("personaId").GetString() == "dev-champion").GetProperty("advocates");
        Assert.True(dev.GetProperty("totalPeople").GetInt64() > 10);
        Assert.StartsWith("c-", dev.GetProperty("people")[0].GetProperty("contactId").GetString(), StringComparison.Ordinal);
        Assert.Contains("sales-director:trust-channels:-:peerReferral", ids);
        Assert.Contains("sales-director:message-themes:-:theme:quota-confidence", ids);
        Assert.Contains("dev-champion:advocacy-concentration:-:advocacy", ids);
    }

    [Fact]
    public void Evaluate_Twice_KeepsOneHistoryPointPerAsOf_AndALaterRunShowsATrend()
    {
        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", _sample, "--out", _out).ExitCode);
        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", _sample, "--out", _out).ExitCode);
        using (var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "history.json"))))
        {
            Assert.Equal(6, history.RootElement.GetArrayLength());
        }

        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", _sample, "--out", _out, "--as-of", "2026-11-08").ExitCode);

        var html = File.ReadAllText(Path.Combine(_out, "report-owner-maya.html"));
        Assert.Contains("What changed since 2026-11-01", html, StringComparison.Ordinal);
        Assert.Contains("<svg viewBox=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--environment-url", "contoso.crm.dynamics.com", "--environment-url: 'contoso.crm.dynamics.com' is not an https URL")]
    [InlineData("--environment-url", "http://contoso.crm.dynamics.com", "is not an https URL")]
    [InlineData("--app-id", "6f8c2d3e-0000-4000-8000-00000000000", "--app-id: '6f8c2d3e-0000-4000-8000-00000000000' is not a GUID")]
    public void A_link_option_with_a_typo_is_refused_by_name_and_nothing_is_written(string option, string value, string message)
    {
        var (code, _, error) = CliRun.Invoke("evaluate", "--data", _sample, "--out", _out, option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void With_the_environment_and_app_the_reports_link_into_the_app()
    {
        var app = "6f8c2d3e-0000-4000-8000-000000000001";
        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", _sample, "--out", _out, "--environment-url", "https://contoso.crm4.dynamics.com", "--app-id", app).ExitCode);

        // The sample's persona ids are not row ids: no persona form link, but the working views open in the app.
        var html = File.ReadAllText(Path.Combine(_out, "report-owner-maya.html"));
        Assert.Contains($"https://contoso.crm4.dynamics.com/main.aspx?appid={app}&amp;pagetype=entitylist&amp;etn=contact&amp;viewid=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("etn=cpc_persona", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_evaluations_the_third_report_says_what_is_new_and_resolved_and_draws_each_drifting_measure_over_the_three_runs()
    {
        var data = Path.Combine(_out, "data");
        var output = Path.Combine(_out, "report");
        Directory.CreateDirectory(data);
        foreach (var file in Directory.GetFiles(_sample))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", data, "--out", output, "--as-of", "2026-10-18").ExitCode);
        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", data, "--out", output, "--as-of", "2026-10-25").ExitCode);
        // Between the second and third run marketing revises two personas: the sales director's 'Budget cuts' is set to
        // what its people show (its drift resolves), and the operations leader now claims burnout of nearly everyone (new drift).
        var personas = Path.Combine(data, "personas.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(personas))!.AsArray();
        var director = json.Single(p => (string?)p!["id"] == "sales-director")!;
        director["version"] = (int)director["version"]! + 1;
        director["traits"]!["coreFears"]!.AsArray().Single(t => (string?)t!["trait"] == "budget-cuts")!["expectedPrevalence"] = 0.1;
        json.Single(p => (string?)p!["id"] == "ops-leader")!["traits"]!["coreFears"]!.AsArray().Single(t => (string?)t!["trait"] == "burnout")!["expectedPrevalence"] = 0.9;
        File.WriteAllText(personas, json.ToJsonString());

        Assert.Equal(0, CliRun.Invoke("evaluate", "--data", data, "--out", output, "--as-of", "2026-11-01").ExitCode);

        var html = File.ReadAllText(Path.Combine(output, "report-owner-maya.html"));
        var changes = html[html.IndexOf("What changed since 2026-10-25", StringComparison.Ordinal)..html.IndexOf("<section class=\"persona\"", StringComparison.Ordinal)];
        Assert.Matches("new</span>.*Pragmatic Operations Leader:.*Burnout", changes);
        Assert.Matches("resolved</span>.*Growth-Minded Sales Director:.*No longer seen: .*Budget cuts", changes);
        Assert.Contains("The definition changed: now version", changes, StringComparison.Ordinal);
        var digest = File.ReadAllText(Path.Combine(output, "digest-owner-maya.html"));
        Assert.Contains("What changed since 2026-10-25", digest, StringComparison.Ordinal);
        Assert.Contains("href=\"report-owner-maya.html\"", digest, StringComparison.Ordinal);

        // The new drift's trait is drawn over the three runs: its share in each, with the declared line.
        Assert.Contains("aria-label=\"Burnout (core fear): observed share per run", html, StringComparison.Ordinal);
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "history.json")));
        var burnout = history.RootElement.EnumerateArray()
            .Where(p => p.GetProperty("personaId").GetString() == "ops-leader")
            .Select(p => p.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "trait:corefears:burnout"))
            .ToList();
        Assert.Equal(3, burnout.Count);
        Assert.Equal([0.3, 0.3, 0.9], burnout.Select(m => m.GetProperty("expected").GetDouble()));
    }

    [Fact]
    public void Evaluate_ContactOfAnUnknownPersona_IsLeftOutAndCounted_AndStrictRefusesIt()
    {
        var data = Path.Combine(_out, "data");
        Directory.CreateDirectory(data);
        foreach (var file in Directory.GetFiles(_sample))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        var contacts = Path.Combine(data, "contacts.csv");
        File.WriteAllText(contacts, File.ReadAllText(contacts).Replace("c-000002,ops-leader,", "c-000002,ops-leadr,", StringComparison.Ordinal));
        var output = Path.Combine(_out, "report");
        var strictOutput = Path.Combine(_out, "strict");

        var (code, console, error) = CliRun.Invoke("evaluate", "--data", data, "--out", output);
        var (strictCode, _, strictError) = CliRun.Invoke("evaluate", "--data", data, "--out", strictOutput, "--strict");

        Assert.Equal(0, code);
        Assert.Contains("1 contact left out", console, StringComparison.Ordinal);
        Assert.Contains("warning: 1 contact (and ", error, StringComparison.Ordinal);
        Assert.Contains("contacts.csv, line 3, field personaid: is not the id of a persona in personas.json (did you mean 'ops-leader'?); the contact was left out", error, StringComparison.Ordinal);
        Assert.Contains("1 contact left out (tagged with a persona that does not exist)", File.ReadAllText(Directory.GetFiles(output, "report-*.html")[0]), StringComparison.Ordinal);
        Assert.Equal(2, strictCode);
        Assert.Contains("contacts.csv, line 3, field personaid: is not the id of a persona in personas.json (did you mean 'ops-leader'?)", strictError, StringComparison.Ordinal);
        Assert.Contains("nothing was written", strictError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(strictOutput));
    }

    [Fact]
    public void Evaluate_BadAsOf_IsRejected()
    {
        var (code, _, error) = CliRun.Invoke("evaluate", "--data", _sample, "--out", _out, "--as-of", "someday");

        Assert.Equal(2, code);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingData_IsAParseError()
    {
        Assert.NotEqual(0, CliRun.Invoke("evaluate").ExitCode);
    }
}
