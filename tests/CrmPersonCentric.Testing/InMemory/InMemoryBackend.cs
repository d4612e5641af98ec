using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Reports;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>
/// The application composed over in-memory ports, for fast tests of its actions: an organisation (a generated sample by
/// default) behind the read ports, in-memory stores behind the storage ports, the real HTML reports, a fake clock. The
/// Dataverse-side ports a test needs (contact records, persona records and revisions) are substitutes it supplies.
/// </summary>
public sealed class InMemoryBackend : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Composes the application; <paramref name="configure"/> adds or replaces registrations.</summary>
    public InMemoryBackend(OrgData? data = null, Action<IServiceCollection>? configure = null)
    {
        Data = data ?? SampleOrganisation.Generate(new SampleOptions { Scale = 0.1, UntaggedPeople = 20 });
        Time = new FakeTimeProvider(Data.ExportedOn ?? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        People = new InMemoryPeopleStore(Time);
        Signals = new InMemorySignalStore(People, Time);
        Records = new InMemoryRecords(Time);
        Leases = new InMemoryLeases(Time);
        Poison = new InMemoryPoisonStore(Time);
        Inbox = new InMemoryInbox(Time);
        var source = new DataDirectorySource(Data);
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new StepOptions());
        services.AddSingleton(Options.Create(Reports));
        services.AddApplication();
        services.AddSingleton<IPersonaSource>(source);
        services.AddSingleton<IDriftRuleSource>(source);
        services.AddSingleton<IPopulationSource>(source);
        services.AddSingleton<ITraitTaxonomySource>(source);
        services.AddSingleton<IThemeTaxonomySource>(source);
        services.AddSingleton<IPeopleStore>(People);
        services.AddSingleton<ISignalStore>(Signals);
        services.AddSingleton<ILeases>(Leases);
        services.AddSingleton<IPoisonStore>(Poison);
        services.AddSingleton<IInbox>(Inbox);
        services.AddSingleton<IRunLog>(Records);
        services.AddSingleton<ITrendStore>(Records);
        services.AddSingleton<ISuggestionSuppressions>(Records);
        services.AddSingleton<IReportArchive>(Records);
        services.AddSingleton<IReportMailer>(Records);
        services.AddSingleton<IDriftResultWriter>(Records);
        services.AddSingleton<IRevisionDecisions>(Records);
        services.AddSingleton<IReportRenderer>(new HtmlReports());
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The organisation behind the read ports.</summary>
    public OrgData Data { get; }

    /// <summary>The clock (starts at the data's export date).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The report settings (organisation, sender).</summary>
    public ReportOptions Reports { get; } = new() { Organisation = "Test organisation" };

    /// <summary>The people store.</summary>
    public InMemoryPeopleStore People { get; }

    /// <summary>The signal store.</summary>
    public InMemorySignalStore Signals { get; }

    /// <summary>Runs, trends, suppressions, archive, mails and results written.</summary>
    public InMemoryRecords Records { get; }

    /// <summary>The leases.</summary>
    public InMemoryLeases Leases { get; }

    /// <summary>The poison store.</summary>
    public InMemoryPoisonStore Poison { get; }

    /// <summary>The inbox.</summary>
    public InMemoryInbox Inbox { get; }

    /// <summary>An action, resolved in a scope of its own (as one invocation of a host resolves it).</summary>
    public T Action<T>()
        where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
