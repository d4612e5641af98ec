using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

/// <summary>Doubles and fixed rows shared by the step tests.</summary>
internal sealed class StepTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public IDataverseClient Client { get; } = Substitute.For<IDataverseClient>();

    public IPersonSnapshotSink Sink { get; } = CreateSink();

    public StepOptions Options { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public AutoMapper.IMapper Mapper { get; } = DataverseMapper.Create();

    private static IPersonSnapshotSink CreateSink()
    {
        var sink = Substitute.For<IPersonSnapshotSink>();
        sink.UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>()).Returns(SnapshotWriteResult.Stored);
        return sink;
    }

    public void ServePersonaAndAccount()
    {
        Client.RetrieveAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(DataverseRows.Persona());
        Client.RetrieveAsync("accounts", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(DataverseRows.Account());
    }
}
