namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// A test's app, created on first use over the class's Azurite (so a test can set <see cref="AppFactory.Settings"/>
/// first), with the documented persona row already in its in-memory Dataverse.
/// </summary>
public sealed class TestApp(Azurite storage, Action<AppFactory>? configure = null) : IDisposable
{
    private AppFactory? _app;

    public FakeDataverse Dataverse { get; } = new();

    public AppFactory App
    {
        get
        {
            if (_app is null)
            {
                Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
                _app = new AppFactory(storage.ConnectionString, Dataverse);
                configure?.Invoke(_app);
            }

            return _app;
        }
    }

    public void Dispose() => _app?.Dispose();
}
