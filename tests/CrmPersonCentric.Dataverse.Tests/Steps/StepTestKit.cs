using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Tests.Webhook;
using CrmPersonCentric.Dataverse.WebApi;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

/// <summary>Doubles and fixed rows shared by the step tests.</summary>
internal sealed class StepTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public IDataverseClient Client { get; } = Substitute.For<IDataverseClient>();

    public IPersonSnapshotSink Sink { get; } = CreateSink();

    public StepOptions Options { get; } = new();

    public TimeProvider Time { get; } = new FixedTime(Now);

    public AutoMapper.IMapper Mapper { get; } = DataverseMapper.Create();

    private static IPersonSnapshotSink CreateSink()
    {
        var sink = Substitute.For<IPersonSnapshotSink>();
        sink.UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>()).Returns(SnapshotWriteResult.Stored);
        return sink;
    }

    public static JsonObject PersonaRow() => JsonNode.Parse($$"""
        {
          "@odata.etag": "W/\"100\"",
          "cpc_personaid": "{{Payloads.PersonaId}}",
          "cpc_name": "Growth-Minded Sales Director",
          "cpc_version": 2,
          "_ownerid_value": "0b0b0b0b-0000-4000-8000-000000000003",
          "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Maya Chen",
          "cpc_reachedlayer": 742300002,
          "cpc_icpindustries": "software; Financial Services",
          "cpc_declaredtraits": "[{\"dimension\":\"coreFear\",\"trait\":\"Fear of missing quota\",\"expectedPrevalence\":0.7},{\"dimension\":\"aspiration\",\"trait\":\"hit-the-number\",\"expectedPrevalence\":0.8}]",
          "cpc_expectedbehaviours": "[{\"type\":\"referral\",\"expectedShare\":0.3}]",
          "cpc_changelog": "v2 (2026-10-01): created"
        }
        """)!.AsObject();

    public static JsonObject AccountRow() => JsonNode.Parse("""
        { "industrycode": 3, "industrycode@OData.Community.Display.V1.FormattedValue": "Financial Services", "numberofemployees": 500, "cpc_region": "EMEA" }
        """)!.AsObject();

    public void ServePersonaAndAccount()
    {
        Client.RetrieveAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(PersonaRow());
        Client.RetrieveAsync("accounts", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(AccountRow());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
