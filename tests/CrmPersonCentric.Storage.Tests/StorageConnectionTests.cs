using Microsoft.Extensions.Configuration;

namespace CrmPersonCentric.Storage.Tests;

public sealed class StorageConnectionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void ConnectionString_IsUsedAsItIs()
    {
        var connection = StorageConnection.From(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "AzureWebJobsStorage");

        Assert.Equal("UseDevelopmentStorage=true", connection!.ConnectionString);
        Assert.False(connection.IsIdentityBased);
    }

    [Fact]
    public void AccountName_GivesTheThreeServiceUris_ForManagedIdentity()
    {
        // What Azure app settings look like: AzureWebJobsStorage__accountName becomes the key AzureWebJobsStorage:accountName.
        var connection = StorageConnection.From(Settings(("AzureWebJobsStorage:accountName", "cpcprod1"), ("AzureWebJobsStorage:credential", "managedidentity")), "AzureWebJobsStorage");

        Assert.True(connection!.IsIdentityBased);
        Assert.Equal(new Uri("https://cpcprod1.blob.core.windows.net"), connection.BlobService);
        Assert.Equal(new Uri("https://cpcprod1.queue.core.windows.net"), connection.QueueService);
        Assert.Equal(new Uri("https://cpcprod1.table.core.windows.net"), connection.TableService);
    }

    [Fact]
    public void PartServiceUris_FailNamingTheSettings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.From(Settings(("AzureWebJobsStorage:queueServiceUri", "https://x.queue.core.windows.net")), "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_IsNull()
    {
        Assert.Null(StorageConnection.From(Settings(), "AzureWebJobsStorage"));
    }
}
