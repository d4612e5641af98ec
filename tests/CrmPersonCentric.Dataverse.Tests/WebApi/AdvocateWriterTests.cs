using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model.Depth;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;
using PersonaTable = CrmPersonCentric.Dataverse.Schema.Tables.Persona;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

/// <summary>Advocates and connectors onto their contacts (the view reads them), and the depth check onto each persona.</summary>
public sealed class AdvocateWriterTests
{
    private static readonly Guid Persona = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Advocate = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid Former = Guid.Parse("00000000-0000-0000-0000-0000000000b2");

    private static DriftEvaluation Evaluation(params PersonOfNote[] people)
    {
        var summary = new PersonaSummary(Persona.ToString("D"), "Persona", "owner", 1, 100, 80, 0.7, [.. new long[10]], 0.1, 0, 0.2, 2, [], [], [], [], null)
        {
            Advocates = AdvocateSummary.Empty with { People = [.. people], TotalPeople = people.Length, Referrers = people.Length },
            Depth = [new DepthIssue("no-core-fears", "No core fears are declared.", "Ask five customers.")],
        };
        return new DriftEvaluation(DateTimeOffset.UnixEpoch, 0, [summary], [], [], 0, []);
    }

    private static FakeDataverse Seeded()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(PersonaTable.EntitySet, new JsonObject { [PersonaTable.Id] = Persona.ToString("D"), [PersonaTable.DisplayName] = "Persona" }, Persona);
        dataverse.Add(ContactTable.EntitySet, new JsonObject { [ContactTable.Id] = Advocate.ToString("D") }, Advocate);
        dataverse.Add(ContactTable.EntitySet, new JsonObject { [ContactTable.Id] = Former.ToString("D"), [ContactTable.AdvocateReason] = "Referred 3 people in the last 90 days", [ContactTable.AdvocateKinds] = "referrer" }, Former);
        return dataverse;
    }

    [Fact]
    public async Task Advocates_are_marked_with_why_and_what_kind_and_people_who_no_longer_stand_out_are_cleared()
    {
        var dataverse = Seeded();

        var result = await new WebApiDriftResultWriter(dataverse).WriteAsync(
            Evaluation(new PersonOfNote(Advocate.ToString("D"), ["advocate", "referrer"], "Referred 4 people in the last 90 days; 12 community contributions in the last 90 days (typical: 1)", 16)),
            TestContext.Current.CancellationToken);

        var contacts = dataverse.Set(ContactTable.EntitySet);
        Assert.Equal("advocate, referrer", contacts[Advocate][ContactTable.AdvocateKinds]!.GetValue<string>());
        Assert.StartsWith("Referred 4 people", contacts[Advocate][ContactTable.AdvocateReason]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(ContactTable.Advocacy, column => Assert.Null(contacts[Former][column]));
        Assert.Equal((1, 1), (result.Advocates, result.AdvocatesCleared));
    }

    [Fact]
    public async Task Each_personas_depth_check_is_written_onto_the_persona()
    {
        var dataverse = Seeded();

        await new WebApiDriftResultWriter(dataverse).WriteAsync(Evaluation(), TestContext.Current.CancellationToken);

        Assert.Equal("• No core fears are declared. What to do: Ask five customers.", dataverse.Set(PersonaTable.EntitySet)[Persona][PersonaTable.DepthCheck]!.GetValue<string>());
    }
}
