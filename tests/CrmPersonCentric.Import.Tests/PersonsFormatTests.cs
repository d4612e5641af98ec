namespace CrmPersonCentric.Import.Tests;

/// <summary>The import format of persons over averages: signal source and referred contact, trust channels, revision date, themes.</summary>
public sealed class PersonsFormatTests : IDisposable
{
    private const string Personas = """
        [
          {
            "id": "p-1", "name": "Ops", "owner": { "id": "o-1", "displayName": "Owner One" },
            "messaging": { "reachedLayer": 2 },
            "traits": { "coreFears": [ { "trait": "Fear of missing quota", "expectedPrevalence": 0.6 } ] },
            "behaviours": [ { "type": "referral", "expectedShare": 0.2 } ],
            "trustChannels": [ { "channel": "salesLed", "expectedShare": 0.7 }, { "channel": "Peer referral", "expectedShare": 0.2 } ],
            "revisedOn": "2026-03-01T00:00:00Z"
          }
        ]
        """;

    private const string Contacts = """
        contactid,personaid,corefears,profileupdatedon
        c-1,p-1,Missing quota,2026-10-01T00:00:00Z
        c-2,p-1,,2026-10-01T00:00:00Z
        """;

    private const string Signals = """
        signalid,contactid,type,occurredon,theme,layer,source,relatedcontactid
        s-1,c-1,referral,2026-10-05,,,Customer Success,c-2
        s-2,c-1,messagingResponse,2026-10-06,Quota Confidence,3,marketing,
        s-3,c-2,eventAttendance,2026-10-07,,,,
        """;

    private readonly TempDirectory _dir = new();

    public PersonsFormatTests()
    {
        File.WriteAllText(_dir.File("personas.json"), Personas);
        File.WriteAllText(_dir.File("contacts.csv"), Contacts);
        File.WriteAllText(_dir.File("signals.csv"), Signals);
    }

    public void Dispose() => _dir.Dispose();

    private void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(_dir.File(file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(_dir.File(file), text.Replace(from, to, StringComparison.Ordinal));
    }

    private string Problems() => string.Join("\n", Assert.Throws<ImportException>(() => OrgDataReader.Read(_dir.Path)).Errors.Select(e => e.ToString()));

    [Fact]
    public void Reads_SourcesReferralsTrustChannelsAndTheRevisionDate()
    {
        var data = OrgDataReader.Read(_dir.Path);

        Assert.Equal(Model.SignalSource.CustomerSuccess, data.Signals[0].Source);
        Assert.Equal("c-2", data.Signals[0].RelatedContactId);
        Assert.Equal(Model.SignalSource.Marketing, data.Signals[1].Source);
        Assert.Null(data.Signals[2].Source);
        var persona = data.Personas[0];
        Assert.Equal([(Model.TrustModes.SalesLed, 0.7), (Model.TrustModes.PeerReferral, 0.2)], persona.TrustChannels.Select(t => (t.Channel, t.ExpectedShare)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), persona.RevisedOn);
        Assert.Equal("quota-confidence", data.Themes.KeyOf(data.Signals[1].Theme));
    }

    [Fact]
    public void WrittenAndReadBack_KeepsSourcesAndReferrals()
    {
        var data = OrgDataReader.Read(_dir.Path);
        using var copy = new TempDirectory();

        OrgDataWriter.Write(data, copy.Path);
        var again = OrgDataReader.Read(copy.Path);

        Assert.Equal(data.Signals.Select(s => (s.Source, s.RelatedContactId)), again.Signals.Select(s => (s.Source, s.RelatedContactId)));
        Assert.Equal(data.Personas[0].TrustChannels, again.Personas[0].TrustChannels);
        Assert.Equal(data.Personas[0].RevisedOn, again.Personas[0].RevisedOn);
    }

    [Theory]
    [InlineData("Customer Success,c-2", "partners,c-2", "line 2, field source: 'partners' is not one of marketing, sales, community, product, customerSuccess, events")]
    [InlineData("marketing,\n", "marketing,c-2\n", "line 3, field relatedcontactid: applies only to referral signals")]
    [InlineData("Customer Success,c-2", "sales,c-1", "line 2, field relatedcontactid: is the referring contact itself")]
    public void BadSignalColumns_AreNamedWithLineAndField(string from, string to, string expected)
    {
        Replace("signals.csv", from, to);

        Assert.Contains(expected, Problems(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"channel\": \"salesLed\"", "\"channel\": \"cold calls\"", "trustChannels[0].channel")]
    [InlineData("\"expectedShare\": 0.7", "\"expectedShare\": 1.7", "trustChannels[0].expectedShare")]
    [InlineData("{ \"channel\": \"Peer referral\", \"expectedShare\": 0.2 }", "{ \"channel\": \"salesLed\", \"expectedShare\": 0.2 }", "trustChannels[1].channel: 'salesLed' is declared twice")]
    public void BadTrustChannels_AreNamedWithTheField(string from, string to, string field)
    {
        Replace("personas.json", from, to);

        Assert.Contains(field, Problems(), StringComparison.Ordinal);
    }

    [Fact]
    public void AThemesFile_ReplacesTheShippedThemes_AndBadEntriesAreNamed()
    {
        File.WriteAllText(_dir.File("themes.json"), """[ { "key": "quota-confidence", "label": "Quota confidence", "synonyms": ["qc"], "dimension": "aspiration", "trait": "hit-the-number", "layer": 3 } ]""");
        var data = OrgDataReader.Read(_dir.Path);
        Assert.Equal("quota-confidence", data.Themes.KeyOf("QC"));
        Assert.Equal("vision-keynote", data.Themes.KeyOf("Vision keynote")); // unknown here: its own key

        File.WriteAllText(_dir.File("themes.json"), """[ { "key": "Not A Key", "label": "x" }, { "key": "ok", "label": "", "trait": "hit-the-number" } ]""");
        var problems = Problems();
        Assert.Contains("themes.json", problems, StringComparison.Ordinal);
        Assert.Contains("themes[0].key", problems, StringComparison.Ordinal);
        Assert.Contains("themes[1].label", problems, StringComparison.Ordinal);
        Assert.Contains("themes[1].dimension", problems, StringComparison.Ordinal);
    }
}
