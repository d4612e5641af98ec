using System.Text;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Import.Tests;

/// <summary>
/// Files edited by hand, the way people edit them: a stray quote, a row with a comma too many, a missing comma in
/// JSON, another encoding, a date typed the local way, a rules file with a typo. Each gets one clear error naming the
/// file, the line and what is wrong, never a value of contacts.csv.
/// </summary>
public sealed class EditedFilesTests : IDisposable
{
    private const string Personas = """
        [
          {
            "id": "sales-director", "name": "Sales", "owner": { "id": "o-1", "displayName": "Owner One" },
            "messaging": { "reachedLayer": 2 },
            "traits": { "coreFears": [ { "trait": "Fear of missing quota", "expectedPrevalence": 0.6 } ] },
            "behaviours": [ { "type": "referral", "expectedShare": 0.2 } ]
          }
        ]
        """;

    private const string Header = "contactid,personaid,industry,employees,region,aspirations,corefears,peergroups,communities,deeppersonaldesire,emotionalstakes,trustsignals,profileupdatedon";

    private readonly TempDirectory _dir = new();

    public EditedFilesTests()
    {
        File.WriteAllText(_dir.File("personas.json"), Personas);
        Contacts(
            "c-1,sales-director,retail,500,emea,Be seen as strategic,Missing quota,,,Be home for dinner,,content,2026-10-01T00:00:00Z",
            "c-2,sales-director,retail,500,emea,,burnout,,,,,,2026-10-02T00:00:00Z");
        File.WriteAllText(_dir.File("signals.csv"), "signalid,contactid,type,occurredon\ns-1,c-1,referral,2026-10-05\ns-2,c-2,advocacy,2026-10-06\n");
    }

    public void Dispose() => _dir.Dispose();

    private void Contacts(params string[] rows) => File.WriteAllText(_dir.File("contacts.csv"), Header + "\n" + string.Join("\n", rows) + "\n");

    private ImportException Fails(ImportOptions? options = null) => Assert.Throws<ImportException>(() => OrgDataReader.Read(_dir.Path, options));

    private static void NoValueOf(ImportException ex, params string[] values)
    {
        var text = string.Join("\n", ex.Errors.Select(e => e.ToString()));
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void StrayQuote_OneErrorNamingFileLineAndColumn_NoValue()
    {
        Contacts(
            "c-1,sales-director,retail,500,emea,Be \"seen\" as strategic,Missing quota,,,Be home for dinner,,content,2026-10-01T00:00:00Z",
            "c-2,sales-director,retail,500,emea,,burnout,,,Raise my kids well,,,2026-10-02T00:00:00Z");

        var error = Assert.Single(Fails().Errors);

        Assert.Equal(("contacts.csv", "line 2", "aspirations"), (error.File, error.Location, error.Field));
        Assert.StartsWith("a quote (\") stands inside a value", error.Message, StringComparison.Ordinal);
        NoValueOf(Fails(), "seen", "strategic", "dinner", "kids");
    }

    [Fact]
    public void ValueWithALineBreakInQuotes_TheErrorNamesEveryLineOfTheRecord()
    {
        Contacts(
            "c-1,sales-director,retail,500,emea,\"Be seen\nas strategic\",Missing quota,,,,,content,1 Oct 2026",
            "c-2,sales-director,retail,500,emea,,burnout,,,,,,2026-10-02T00:00:00Z");
        File.WriteAllText(_dir.File("signals.csv"), "signalid,contactid,type,occurredon,theme\ns-1,c-1,referral,2026-10-05,\"two\nlines\"\ns-2,c-2,adovcacy,2026-10-06,\n");

        var errors = Fails().Errors;

        Assert.Equal(("contacts.csv", "lines 2-3", "profileupdatedon"), (errors[0].File, errors[0].Location, errors[0].Field));
        Assert.Equal(("signals.csv", "line 4", "type"), (errors[1].File, errors[1].Location, errors[1].Field));
        Assert.Equal(2, errors.Length);
    }

    [Theory]
    [InlineData("c-1,sales-director,retail,500,emea,Be seen, as strategic,Missing quota,,,,,content,2026-10-01T00:00:00Z", "has 14 values where the header has 13 columns")]
    [InlineData("c-1,sales-director,retail,500,emea,Be seen as strategic,Missing quota,,,,,2026-10-01T00:00:00Z", "has 12 values where the header has 13 columns")]
    public void RowWithMoreOrFewerValuesThanTheHeader_IsAnError(string row, string expected)
    {
        Contacts(row, "c-2,sales-director,retail,500,emea,,burnout,,,,,,2026-10-02T00:00:00Z");

        var error = Assert.Single(Fails().Errors);

        Assert.Equal(("contacts.csv", "line 2"), (error.File, error.Location));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        NoValueOf(Fails(), "strategic", "quota");
    }

    [Fact]
    public void UnclosedQuote_SaysWhereItOpened()
    {
        Contacts(
            "c-1,sales-director,retail,500,emea,\"Be seen as strategic,Missing quota,,,,,content,2026-10-01T00:00:00Z",
            "c-2,sales-director,retail,500,emea,,burnout,,,,,,2026-10-02T00:00:00Z");

        var error = Assert.Single(Fails().Errors);

        Assert.Equal("contacts.csv", error.File);
        Assert.Contains("a quote opened on line 2 is probably never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonasJsonWithAMissingComma_IsReportedAlone()
    {
        File.WriteAllText(_dir.File("personas.json"), Personas.Replace("\"name\": \"Sales\",", "\"name\": \"Sales\"", StringComparison.Ordinal));

        var error = Assert.Single(Fails().Errors);

        Assert.Equal(("personas.json", "line 3"), (error.File, error.Location));
        Assert.StartsWith("is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypeInJson_SaysWhatWasExpected_WithoutTypeNames()
    {
        File.WriteAllText(_dir.File("personas.json"), Personas.Replace("\"expectedPrevalence\": 0.6", "\"expectedPrevalence\": \"high\"", StringComparison.Ordinal));

        var error = Assert.Single(Fails().Errors);

        Assert.Equal("has the wrong type: expected a number", error.Message);
        Assert.Equal("$[0].traits.coreFears[0].expectedPrevalence", error.Field);
    }

    [Theory]
    [InlineData("01/10/2026")]
    [InlineData("10/01/2026")]
    [InlineData("1 Oct 2026")]
    public void DatesThatAreNotIso_AreRefused(string date)
    {
        Contacts("c-1,sales-director,retail,500,emea,,Missing quota,,,,,,2026-10-01", "c-2,sales-director,retail,500,emea,,burnout,,,,,," + date);

        var error = Assert.Single(Fails().Errors);

        Assert.Equal(("line 3", "profileupdatedon"), (error.Location, error.Field));
        Assert.Contains("ISO 8601", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1File_IsNotUtf8()
    {
        File.WriteAllBytes(_dir.File("contacts.csv"), Encoding.Latin1.GetBytes(Header + "\nc-1,sales-director,retail,500,emea,Être vu,Missing quota,,,,,,2026-10-01\n"));

        var error = Assert.Single(Fails().Errors);

        Assert.Equal("contacts.csv", error.File);
        Assert.StartsWith("is not UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16WithItsMark_CrlfAndAUtf8Mark_AreRead()
    {
        var text = File.ReadAllText(_dir.File("contacts.csv")).Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllText(_dir.File("contacts.csv"), text, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        File.WriteAllText(_dir.File("personas.json"), Personas, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var data = OrgDataReader.Read(_dir.Path);

        Assert.Equal(["c-1", "c-2"], data.Profiles.Select(p => p.ContactId));
        Assert.Equal("sales-director", data.Personas.Single().Id);
    }

    [Fact]
    public void RulesFile_EveryProblemOfEveryRule_NamingRuleFieldAndAllowedValues()
    {
        File.WriteAllText(_dir.File("rules.json"), """
            [
              { "id": "stale-traits", "metric": "staleTrait", "threshhold": 0.3, "minimumSample": 60, "windowDays": 90, "severity": "warning" },
              { "id": "mine", "metric": "staleTrai", "threshold": 0.3, "minimumSample": 60, "windowDays": 90, "severity": "urgent" },
              { "id": "scoped", "metric": "icpLeakage", "threshold": 0.3, "minimumSample": 60, "windowDays": 90, "severity": "info", "personaId": "sales-directr" }
            ]
            """);

        var errors = Fails().Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(5, errors.Count);
        Assert.Contains("rules.json, field rule 'stale-traits' 'threshhold': is not a rule field (did you mean 'threshold'?)", errors);
        Assert.Contains("rules.json, field rule 'stale-traits' threshold: is required", errors);
        Assert.Contains(errors, e => e.StartsWith("rules.json, field rule 'mine' metric: 'staleTrai' is not a metric; use one of traitPrevalence, staleTrait,", StringComparison.Ordinal));
        Assert.Contains("rules.json, field rule 'mine' severity: 'urgent' is not a severity; use one of info, warning, critical", errors);
        Assert.Contains(errors, e => e.StartsWith("rules.json, field rule 'scoped' personaId: 'sales-directr' is not the id of a persona in personas.json (did you mean 'sales-director'?)", StringComparison.Ordinal));
    }

    [Fact]
    public void RulesFile_IsLaidOverTheShippedRulesById()
    {
        File.WriteAllText(_dir.File("rules.json"), """
            [
              { "id": "stale-traits", "metric": "staleTrait", "threshold": 0.3, "minimumSample": 60, "windowDays": 90, "severity": "critical" },
              { "id": "icp-leakage", "metric": "icpLeakage", "threshold": 0.1, "minimumSample": 60, "windowDays": 90, "severity": "warning", "enabled": false },
              { "id": "sales-leakage", "metric": "icpLeakage", "threshold": 0.05, "minimumSample": 30, "windowDays": 90, "severity": "warning", "personaId": "sales-director" }
            ]
            """);

        var data = OrgDataReader.Read(_dir.Path);

        Assert.Equal(DefaultDriftRules.All.Length + 1, data.Rules.Length);
        Assert.Equal(Severity.Critical, data.Rules.Single(r => r.Id == "stale-traits").Severity);
        Assert.False(data.Rules.Single(r => r.Id == "icp-leakage").Enabled);
        Assert.Equal("sales-director", data.Rules.Single(r => r.Id == "sales-leakage").PersonaId);
        Assert.Contains("rules.json replaced 2 and added 1", data.Notes.Rules, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedRulesAsWritten_ArePlainJson_AndReadBackUnchanged()
    {
        var text = DriftRulesJson.Write(DefaultDriftRules.All);

        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.DoesNotContain("definition", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("effectiveParameter", text, StringComparison.Ordinal);
        Assert.Contains("persona's", text, StringComparison.Ordinal);
        Assert.Equal(DefaultDriftRules.All, DriftRulesJson.Read(text));
    }
}
