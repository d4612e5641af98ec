using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Storage;

/// <summary>Fails start-up with the setting's name when no storage connection is configured (or only part of one).</summary>
internal sealed class StorageConnectionValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public const string Missing = "Set " + StorageOptions.ConnectionSetting + " (a connection string: Azurite, development) or " + StorageOptions.ConnectionSetting
        + "__accountName (managed identity, in Azure): the Functions host's queue trigger and the backend use the same storage account.";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        try
        {
            return StorageConnection.From(configuration, StorageOptions.ConnectionSetting) is null ? ValidateOptionsResult.Fail(Missing) : ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
