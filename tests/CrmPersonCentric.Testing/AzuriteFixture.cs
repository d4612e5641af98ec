using Xunit;

namespace CrmPersonCentric.Testing;

/// <summary>One Azurite shared by a test class; each test app gets its own table prefix and queue.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Storage = await Azurite.StartNewAsync();

    public async ValueTask DisposeAsync() => await Storage.DisposeAsync();
}
