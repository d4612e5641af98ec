namespace CrmPersonCentric.Import.Tests;

public sealed class OrgDataReaderTests : IDisposable
{
    private const string Personas = """
        [
          {
            "id": "p-1", "name": "Ops", "owner": { "id": "o-1", "displayName": "Owner One" },
            "messaging": { "reachedLayer": 2 },
            "traits": { "coreFears": [ { "trait": "Fear of missing quota", "expectedPrevalence": 0.6 } ] },
            "behaviours": [ { "type": "referral", "expectedShare": 0.2 } ]
          }
        ]
        """;

    private const string Contacts = """
        contactid,personaid,industry,employees,region,aspirations,corefears,peergroups,communities,deeppersonaldesire,emotionalstakes,trustsignals,profileupdatedon
        c-1,p-1,Retail,500,EMEA,,Missing quota; burnout,,,,,peerReferral; content,2026-10-01T00:00:00Z
        c-2,,software,,,,,,,,,,
        """;

    private const string Signals = """
        signalid,contactid,type,occurredon,theme,layer
        s-1,c-1,referral,2026-10-05,,
        s-2,c-1,messagingResponse,2026-10-06,personal-story,4
        """;

    private readonly TempDirectory _dir = new();

    public OrgDataReaderTests()
    {
        File.WriteAllText(_dir.File("personas.json"), Personas);
        File.WriteAllText(_dir.File("contacts.csv"), Contacts);
        File.WriteAllText(_dir.File("signals.csv"), Signals);
    }

    public void Dispose() => _dir.Dispose();

    private ImportException ReadFails() => Assert.Throws<ImportException>(() => OrgDataReader.Read(_dir.Path));

    private void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(_dir.File(file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(_dir.File(file), text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ValidDirectory_NormalisesAndUsesDefaults()
    {
        var data = OrgDataReader.Read(_dir.Path);

        var profile = data.Profiles[0];
        Assert.Equal(["burnout", "missing-quota"], profile.Traits[Model.TraitDimension.CoreFear]);
        Assert.Equal("retail", profile.Account.Industry);
        Assert.Equal("emea", profile.Account.Region);
        Assert.Equal(Model.TrustModes.PeerReferral | Model.TrustModes.Content, profile.Trust);
        Assert.Null(data.Profiles[1].PersonaId);
        Assert.Equal(2, data.Signals.Length);
        Assert.Equal(Model.MessagingLayer.DeepPersonalDesire, data.Signals[1].Layer);
        Assert.Equal(Drift.Rules.DefaultDriftRules.All, data.Rules);
        Assert.Equal("missing-quota", data.Personas[0].Traits[0].Key);
    }

    [Fact]
    public void Read_MalformedJson_NamesFileAndLine()
    {
        Replace("personas.json", "\"name\": \"Ops\",", "\"name\": \"Ops\" ");

        var error = ReadFails().Errors[0];

        Assert.Equal("personas.json", error.File);
        Assert.Equal("line 3", error.Location);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownPersonaReference_LeavesTheContactOut_OrFailsWhenStrict()
    {
        Replace("contacts.csv", "c-1,p-1,", "c-1,p-404,");

        var data = OrgDataReader.Read(_dir.Path);
        var error = Assert.Single(Assert.Throws<ImportException>(() => OrgDataReader.Read(_dir.Path, new ImportOptions { Strict = true })).Errors);

        Assert.DoesNotContain(data.Profiles, p => p.ContactId == "c-1");
        Assert.Equal(1, data.Notes.ContactsLeftOut);
        var reason = Assert.Single(data.Notes.LeftOut);
        Assert.Equal(("contacts.csv", "line 2", "personaid"), (reason.File, reason.Location, reason.Field));
        Assert.Equal(("contacts.csv", "line 2", "personaid"), (error.File, error.Location, error.Field));
        Assert.StartsWith("is not the id of a persona in personas.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p-404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateContactId_NamesBothLines()
    {
        Replace("contacts.csv", "c-2,", "c-1,");

        var error = ReadFails().Errors.Single(e => e.File == "contacts.csv");

        Assert.Equal("line 3", error.Location);
        Assert.Contains("is also the contact id on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutOfRangePrevalence_NamesRecordAndPath()
    {
        Replace("personas.json", "\"expectedPrevalence\": 0.6", "\"expectedPrevalence\": 1.6");

        var error = Assert.Single(ReadFails().Errors);

        Assert.Equal("record 1 (id 'p-1')", error.Location);
        Assert.Equal("traits.coreFears[0].expectedPrevalence", error.Field);
        Assert.Contains("1.6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeEmployees_IsRejected()
    {
        Replace("contacts.csv", ",500,", ",-500,");

        var error = Assert.Single(ReadFails().Errors);

        Assert.Equal("employees", error.Field);
    }

    [Fact]
    public void Read_TooLongTrait_DoesNotRepeatThePersonsText()
    {
        var secret = "secret-fear-" + new string('x', 120);
        Replace("contacts.csv", "Missing quota; burnout", secret);

        var error = Assert.Single(ReadFails().Errors);

        Assert.Equal("corefears[0]", error.Field);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredColumn_IsReported()
    {
        Replace("contacts.csv", "contactid,personaid,", "id,personaid,");

        var error = ReadFails().Errors[0];

        Assert.Equal(("contacts.csv", "contactid"), (error.File, error.Field));
    }

    [Fact]
    public void Read_SignalProblems_AreAllReported()
    {
        Replace("signals.csv", "s-1,c-1,referral,2026-10-05,,", "s-1,c-9,waving,yesterday,,");
        Replace("signals.csv", "personal-story,4", "personal-story,");

        var errors = ReadFails().Errors;

        Assert.Contains(errors, e => e.Field == "contactid" && e.Location == "line 2");
        Assert.Contains(errors, e => e.Field == "type" && e.Location == "line 2");
        Assert.Contains(errors, e => e.Field == "occurredon" && e.Location == "line 2");
        Assert.Contains(errors, e => e.Field == "layer" && e.Location == "line 3");
    }

    [Fact]
    public void Read_InvalidRulesFile_NamesTheRule()
    {
        File.WriteAllText(_dir.File("rules.json"), """[{"id":"r1","metric":"icpLeakage","threshold":3,"minimumSample":10,"windowDays":90,"severity":"info"}]""");

        var error = Assert.Single(ReadFails().Errors);

        Assert.Equal(("rules.json", "rule 'r1' threshold"), (error.File, error.Field));
    }

    [Fact]
    public void Read_MissingPersonasFile_SaysSo()
    {
        File.Delete(_dir.File("personas.json"));

        Assert.Contains(ReadFails().Errors, e => e.File == "personas.json" && e.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingDirectory_SaysSo()
    {
        var ex = Assert.Throws<ImportException>(() => OrgDataReader.Read(_dir.File("nope")));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
