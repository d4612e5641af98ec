using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Revisions;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

using CrmPersonCentric.Application.Signals;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

/// <summary>
/// Doubles and fixed rows shared by the step tests: the steps run over the real Web API records (the adapter's ports)
/// on a substituted Web API client, so a test sees the very requests the adapter sends; the backend's sinks are substitutes.
/// </summary>
internal sealed class StepTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public IDataverseClient Client { get; } = Substitute.For<IDataverseClient>();

    public IPeopleStore People { get; } = CreatePeople();

    public ISignalStore Signals { get; } = Substitute.For<ISignalStore>();

    public IPoisonStore Poison { get; } = Substitute.For<IPoisonStore>();

    public ISuggestionSuppressions Suppressions { get; } = Substitute.For<ISuggestionSuppressions>();

    public StepOptions Options { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public AutoMapper.IMapper Mapper { get; } = DataverseMapper.Create();

    public WebApiPersonaSource Personas => new(Client, FixedTaxonomySource.Default, NullLogger<WebApiPersonaSource>.Instance);

    public WebApiContactRecords Contacts => new(Client, FixedTaxonomySource.Default);

    public RecordProfileChange ProfileChanged() => new(new CachingPersonaSource(Personas), People, Contacts, Options, Time);

    public ContactProfileChangedStep ProfileStep() => new(Contacts, Contacts, ProfileChanged(), FixedTaxonomySource.Default, Options, Time);

    public ContactDeletedStep DeletedStep() => new(new EraseContact(People, Signals, Poison, NullLogger<EraseContact>.Instance));

    public DriftRuleValidationStep RuleStep() => new(Mapper, new WebApiDriftRuleSource(Client, Mapper, NullLogger<WebApiDriftRuleSource>.Instance));

    public BehaviourSignalCreatedStep SignalStep() => new(new WebApiBehaviourSignalRecords(Client, Mapper), new IngestSignals(Signals, Time), Mapper);

    public PersonaRevisionDecidedStep RevisionStep() => new(new WebApiPersonaRevisions(Client), new DecideRevision(new WebApiPersonaRevisions(Client), Personas, Suppressions, Options, Time));

    private static IPeopleStore CreatePeople()
    {
        var sink = Substitute.For<IPeopleStore>();
        sink.UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>()).Returns(SnapshotWriteResult.Stored);
        return sink;
    }

    public void ServePersonaAndAccount()
    {
        Client.RetrieveAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(DataverseRows.Persona());
        Client.RetrieveAsync("accounts", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(DataverseRows.Account());
    }
}
